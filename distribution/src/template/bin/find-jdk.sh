# Sourced by bin/signalbox of every distribution, and by ./signalbox and ./run-tests at the repository root:
# sets JAVA_HOME to a JDK >= 21.
# Looks at JAVA_HOME, then the java on PATH, then the usual JDK folders; never installs anything.

signalbox_java_feature() { # prints the feature version of the JDK at $1, or nothing
  local release="$1/release" v
  [ -x "$1/bin/java" ] || return 0
  if [ -f "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  else
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
  fi
  echo "$v"
}

signalbox_find_jdk() {
  local candidates=() dir v best="" best_v=0
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  for dir in "${candidates[@]}"; do
    [ -x "$dir/bin/javac" ] || continue
    v=$(signalbox_java_feature "$dir")
    [ -n "$v" ] && [ "$v" -ge 21 ] || continue
    # The first acceptable one in lookup order wins: an explicit JAVA_HOME or PATH is respected.
    best="$dir"; best_v="$v"; break
  done
  if [ -z "$best" ]; then
    echo "signalbox: no JDK 21 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm); install one or set JAVA_HOME" >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
  # JDK 24+ warns on stderr about libraries' sun.misc.Unsafe use unless told it is allowed.
  SIGNALBOX_JDK_OPTS=""
  if [ "$best_v" -ge 24 ]; then
    SIGNALBOX_JDK_OPTS="--sun-misc-unsafe-memory-access=allow"
  fi
  export SIGNALBOX_JDK_OPTS
}
