# Sourced by the benchmark scripts: what every report section shares.
# Needs $root (the repository) set by the caller.

# One line describing this machine, for the "Machine:" line of a section.
machine() {
    echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(free -g | awk '/Mem:/ {print $2}') GiB,
$(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1)"
}

# write_section NAME TEXT: puts TEXT (which starts and ends with the NAME-benchmark markers)
# in place of the old section of docs/benchmarks.md, or at its end, and prints it.
write_section() {
    local report=$root/docs/benchmarks.md
    [ -f "$report" ] || printf '# Benchmarks\n\nFigures measured on the project'"'"'s own machines; each section says how to reproduce it.\n' > "$report"
    python3 - "$report" "$1" "$2" <<'PY'
import re, sys
path, name, section = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path).read()
pattern = re.compile(r'<!-- %s-benchmark:start -->.*?<!-- %s-benchmark:end -->' % (name, name), re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip('\n') + '\n\n' + section + '\n'
open(path, 'w').write(text)
PY
    echo "$2"
}
