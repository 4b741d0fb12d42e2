# Sourced by ./mvnw and ./fusion: make JAVA_HOME point at a JDK >= 21.
# Keeps JAVA_HOME when it is new enough; otherwise takes the newest JDK installed beside the default
# `java` (this is how a machine whose default is 17 but has 25 next to it works without setup).

fusion_required_java=21

fusion_java_major() {
  # $1: a JDK home. Prints its feature version (e.g. 25), or nothing when it is not a JDK.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -r "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$1/release" | head -n 1
  else
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
  fi
}

fusion_select_jdk() {
  if [ -n "${JAVA_HOME-}" ]; then
    fusion_major=$(fusion_java_major "$JAVA_HOME")
    if [ -n "$fusion_major" ] && [ "$fusion_major" -ge "$fusion_required_java" ]; then
      return 0
    fi
  fi
  fusion_candidates=""
  fusion_default_java=$(command -v java 2>/dev/null || true)
  if [ -n "$fusion_default_java" ]; then
    fusion_default_home=$(dirname "$(dirname "$(readlink -f "$fusion_default_java")")")
    fusion_candidates="$(dirname "$fusion_default_home")"
  fi
  fusion_best_home=""
  fusion_best_major=0
  # mvnw runs with `set -f`; globbing is needed for the directory scan only.
  case $- in *f*) fusion_restore_noglob=1 ;; *) fusion_restore_noglob=0 ;; esac
  set +f
  for fusion_root in $fusion_candidates /usr/lib/jvm /usr/local/lib/jvm /opt/java; do
    [ -d "$fusion_root" ] || continue
    for fusion_home in "$fusion_root"/*; do
      fusion_major=$(fusion_java_major "$fusion_home")
      [ -n "$fusion_major" ] || continue
      if [ "$fusion_major" -gt "$fusion_best_major" ]; then
        fusion_best_major=$fusion_major
        fusion_best_home=$fusion_home
      fi
    done
  done
  [ "$fusion_restore_noglob" = 1 ] && set -f
  if [ "$fusion_best_major" -ge "$fusion_required_java" ]; then
    JAVA_HOME=$fusion_best_home
    export JAVA_HOME
    return 0
  fi
  echo "FusionCommerce needs a JDK $fusion_required_java or newer; set JAVA_HOME to one (found none)." >&2
  return 1
}

fusion_select_jdk
