#!/bin/sh
# The root file system the bench's OCI image adds over Jib's `scratch` base (deploy/k8s/README.md "The image"):
# a Java runtime made by jlink from the building JDK's jmods, at /opt/java, and the shared libraries its binaries
# link against (glibc, zlib, libstdc++ ...), copied from the build machine, so the image needs no base image from
# a registry. Run by `mvn -Pimage package jib:buildTar` (exec-maven-plugin, phase prepare-package).
#
#   deploy/image/make-root.sh JAVA_HOME OUT_DIR
set -eu
JAVA_HOME_IN="$1"
OUT="$2"
rm -rf "$OUT"
mkdir -p "$OUT/opt" "$OUT/tmp"
chmod 1777 "$OUT/tmp"
# every module of the JDK (the bench, its PDF renderer and the reference controller child need java.desktop,
# java.xml, java.naming, jdk.crypto.ec ...): a full runtime without debug symbols, man pages and headers
"$JAVA_HOME_IN/bin/jlink" --module-path "$JAVA_HOME_IN/jmods" --add-modules ALL-MODULE-PATH \
    --strip-debug --no-man-pages --no-header-files --compress=2 --output "$OUT/opt/java"
# the libraries the runtime's executables and shared objects need, where the dynamic linker looks for them
find "$OUT/opt/java" -type f \( -name '*.so' -o -perm -u+x \) | while read -r f; do
    ldd "$f" 2>/dev/null | awk '/=> \// {print $3} /^\t\/lib/ {print $1}'
done | sort -u | while read -r lib; do
    mkdir -p "$OUT$(dirname "$lib")"
    cp -L "$lib" "$OUT$lib"
done
# the dynamic linker itself (its path is written into every executable)
for ld in /lib64/ld-linux-x86-64.so.2 /lib/ld-linux-aarch64.so.1; do
    if [ -e "$ld" ]; then mkdir -p "$OUT$(dirname "$ld")"; cp -L "$ld" "$OUT$ld"; fi
done
# a user table: the JVM asks for the user's name and home
mkdir -p "$OUT/etc" "$OUT/home/bench"
printf 'root:x:0:0:root:/root:/sbin/nologin\nbench:x:1000:1000:bench:/home/bench:/sbin/nologin\n' > "$OUT/etc/passwd"
printf 'root:x:0:\nbench:x:1000:\n' > "$OUT/etc/group"
echo "image root in $OUT: $(du -sh "$OUT" | cut -f1)"
