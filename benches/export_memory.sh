#!/bin/sh
# Peak memory of `sempre export` against the size of the file exported
# (issue 11: at most three times), for every format, at 10,000 and
# 100,000 notes: the whole process, as a user runs it, measured by
# /usr/bin/time. Next to each, its ratio to a floor measured in the same
# run: `sempre check` of the same file, which only reads and parses it.
# Build first with `cargo build --release`.
#
# Usage: benches/export_memory.sh [SIZES...]   (default: 10000 100000)
# SEMPRE_BIN picks another binary (default: target/release/sempre).
set -eu
here=$(dirname "$0")
bin=${SEMPRE_BIN:-$here/../target/release/sempre}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ $# -gt 0 ] || set -- 10000 100000
printf '%-8s %-12s %12s %12s %6s %8s\n' notes format file_bytes peak_bytes ratio vs_check
for n in "$@"; do
    file=$(python3 "$here/dense_session.py" "$work/store$n" "$n")
    id=$(basename "$file" .json)
    size=$(wc -c <"$file")
    floor=0
    for format in check md html csv json; do
        for target in file stdout; do
            if [ $format = check ]; then
                [ $target = file ] || continue
                set -- --store "$work/store$n" check "$file"
            else
                set -- --store "$work/store$n" export "$id" --format $format
                [ $target = stdout ] || set -- "$@" --out "$work/out.$format"
            fi
            rm -f "$work/out.$format"
            if ! /usr/bin/time -o "$work/kb" -f %M "$bin" "$@" >/dev/null 2>"$work/err"; then
                cat "$work/err" >&2
                exit 1
            fi
            peak=$(($(tail -1 "$work/kb") * 1024))
            [ $format != check ] || floor=$peak
            printf '%-8s %-12s %12s %12s %6s %8s\n' "$n" "$format/$target" "$size" "$peak" \
                "$(awk "BEGIN { printf \"%.2f\", $peak / $size }")" \
                "$(awk "BEGIN { printf \"%.2f\", $peak / $floor }")"
        done
    done
done
