#!/usr/bin/env python3
"""A store of N small sessions for timing one-session commands (issue 11).

The example sessions keep their ids (so their links still hold); the rest
are copies of them with new ids. Usage: scale_store.py DIR N
"""
import glob, json, os, sys, uuid

def main():
    out, n = sys.argv[1], int(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    examples = [json.load(open(f)) for f in sorted(glob.glob(os.path.join(here, "..", "sessions", "*.json")))]
    for i in range(n):
        s = dict(examples[i % len(examples)])
        if i >= len(examples):
            s["id"] = str(uuid.uuid4())
            s["links"] = []
        with open(os.path.join(out, s["id"] + ".json"), "w") as f:
            json.dump(s, f, ensure_ascii=False, indent=2)

main()
