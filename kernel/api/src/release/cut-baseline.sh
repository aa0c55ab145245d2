#!/usr/bin/env bash
# Cuts the API's baseline release: builds kernel/api as it is now, at the release version the
# parent pom names (<exekutir.api.baseline>), and lays the jar and a standalone pom into
# releases/ (a Maven repository layout), where the baseline check of every later build finds it.
#
#   kernel/api/src/release/cut-baseline.sh          (from anywhere; works offline)
#
# Re-running it on an unchanged API rewrites identical bytes (the jar is reproducible). Cutting
# a release again under the same version is only for the time before the first public release;
# after it, raise <exekutir.api.baseline> to the version just released and cut that.
set -euo pipefail

root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../../../.." && pwd)
release=$(sed -n 's:.*<exekutir.api.baseline>\(.*\)</exekutir.api.baseline>.*:\1:p' "$root/pom.xml")
current=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml")
[ -n "$release" ] || { echo "no <exekutir.api.baseline> in $root/pom.xml" >&2; exit 1; }
[ "$release" != "$current" ] || { echo "the project version $current must move past the release $release" >&2; exit 1; }
repository=${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}

work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT
# the parent and the API module alone, at the release version
mkdir -p "$work/kernel"
cp "$root/pom.xml" "$root/bnd.bnd" "$work/"
cp -r "$root/.mvn" "$work/"
cp -r "$root/kernel/api" "$work/kernel/api"
rm -rf "$work/kernel/api/target"
sed -i "s#<version>$current</version>#<version>$release</version>#" "$work/pom.xml" "$work/kernel/api/pom.xml"
(cd "$work" && mvn -B -q ${MAVEN_OFFLINE--o} -f kernel/api/pom.xml package -DskipTests -Dbnd.baseline.skip=true)

folder=$root/releases/org/exekutir/exekutir-api
mkdir -p "$folder/$release"
jar=$folder/$release/exekutir-api-$release.jar
pom=$folder/$release/exekutir-api-$release.pom
cp "$work/kernel/api/target/exekutir-api-$release.jar" "$jar"
# Standalone: a consumer resolving the release needs no parent pom; the API has no runtime dependencies.
cat > "$pom" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.exekutir</groupId>
  <artifactId>exekutir-api</artifactId>
  <version>$release</version>
  <name>exekutir API</name>
  <description>The service contracts third-party bundles compile against.</description>
  <licenses><license><name>Apache-2.0</name></license></licenses>
</project>
POM
versions=$(cd "$folder" && find . -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort -V)
{
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<metadata>'
    echo '  <groupId>org.exekutir</groupId>'
    echo '  <artifactId>exekutir-api</artifactId>'
    echo '  <versioning>'
    echo "    <latest>$(echo "$versions" | tail -1)</latest>"
    echo "    <release>$(echo "$versions" | tail -1)</release>"
    echo '    <versions>'
    echo "$versions" | sed 's#.*#      <version>&</version>#'
    echo '    </versions>'
    echo '  </versioning>'
    echo '</metadata>'
} > "$folder/maven-metadata.xml"
for file in "$jar" "$pom" "$folder/maven-metadata.xml"; do
    sha1sum "$file" | cut -d' ' -f1 > "$file.sha1"
done
# Maven keeps what it resolved once; drop its copy of an earlier cut of this version.
rm -rf -- "$repository/org/exekutir/exekutir-api/$release"
echo "released exekutir-api $release into ${folder#$root/}/$release"
unzip -p "$jar" META-INF/MANIFEST.MF | grep -A3 '^Export-Package' || true
