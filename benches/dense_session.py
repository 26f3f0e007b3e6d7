#!/usr/bin/env python3
"""One session of N notes at the examples' density, for whole-process
figures of one-session commands (issue 11): the same shape as `dense` in
benches/export.rs (0.6 votes and 0.1 clusters per note, one note in 40
private, writers, attached and carried notes, a decision and an action
per 200 notes), built from the fremtidsvaerksted example.

Usage: dense_session.py DIR N   (writes DIR/<id>.json and prints its path)
"""
import json, os, sys, uuid

def uid(kind, i):
    return str(uuid.UUID(int=(kind << 64) | i))

def main():
    out, n = sys.argv[1], int(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "sessions", "example-fremtidsvaerksted.json")) as f:
        s = json.load(f)
    note, vote, cluster = s["notes"][0], s["votes"][0], s["clusters"][0]
    decision, action = s["decisions"][0], s["actions"][0]
    s["id"] = uid(9, n)
    s["links"] = []
    s["context"]["title"] = f"Tæt session med {n} sedler"
    notes, votes, clusters, decisions, actions = [], [], [], [], []
    zones = ["kritik", "fantasi", "virkeliggoerelse"]
    for i in range(n):
        zone = zones[i % 3]
        cluster_id = uid(2, (i // 30) * 3 + i % 3)
        if i % 30 < 3:
            clusters.append(dict(cluster, id=cluster_id, zone=zone, title=f"Tema {i}"))
        x = dict(note, id=uid(1, i), zone=zone, phase=zone,
                 text=f"Seddel {i}: for lidt tid med børnene om aftenen og i weekenden")
        x.pop("cluster", None)
        if i % 30 < 21:
            x["cluster"] = cluster_id
        if i % 40 == 7:
            x["private"] = True
        if i % 4 == 0:
            x["author"] = f"Deltager {i % 12}"
        if i % 100 == 50:
            x["links"] = [{"kind": "attached-to", "note": uid(1, i - 1)}]
        elif i % 100 == 51:
            x["links"] = [{"kind": "carried-from", "note": uid(1, i - 3)}]
        notes.append(x)
        if i % 5 < 3:
            votes.append(dict(vote, id=uid(3, i), note=uid(1, i), dots=1 + i % 3))
        if i % 200 == 0:
            d = dict(decision, id=uid(4, i), text=f"Beslutning om seddel {i}", notes=[uid(1, i)])
            a = dict(action, id=uid(5, i), text=f"Følg op på seddel {i}",
                     note=uid(1, i), decision=uid(4, i))
            if i % 40 == 7:
                d["private"] = a["private"] = True
            decisions.append(d)
            actions.append(a)
    s.update(notes=notes, votes=votes, clusters=clusters, decisions=decisions, actions=actions)
    path = os.path.join(out, s["id"] + ".json")
    with open(path, "w") as f:
        json.dump(s, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(path)

main()
