#!/usr/bin/env bash
# Builds the Debian packages (racoond, mip6d, setkey) from a copy of the tree
# and checks them: contents, conffiles, permissions, dependencies, lintian,
# the programs and configuration files they ship, and their systemd units.
#
#   SRCDIR=/path/to/tree bash test/pkg/build.sh    (SRCDIR defaults to this tree)
#   PKG_INSTALL=1 ...   also dpkg -i the three packages on this machine and
#                       purge them again (root; a throwaway machine only)
#   PKG_KEEP=1 ...      keep the temporary directory and say where it is
#
# Prints PASS:/FAIL:/SKIP: lines; exit 0 if no check failed, 1 otherwise,
# 77 if the packaging tools are missing.  A program or manual page that the
# tree does not build yet (not installed by `make install`) is reported as
# SKIP; one that is built but missing from its package is a FAIL.
set -u

SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
PACKAGES=(racoond mip6d setkey)

failed=0
check() {
	local name=$1
	shift
	if "$@"; then
		echo "PASS: $name"
	else
		echo "FAIL: $name"
		failed=1
	fi
}
skip() { echo "SKIP: $1 ($2)"; }
finish() { exit "$failed"; }

for tool in dpkg-buildpackage dh git; do
	if ! command -v "$tool" >/dev/null; then
		echo "SKIP: pkg/build ($tool not installed: Debian packages dpkg-dev, debhelper, git)"
		exit 77
	fi
done

tmp=$(mktemp -d /tmp/pkgtest.XXXXXX)
if [ -n "${PKG_KEEP:-}" ]; then
	echo "pkg: keeping $tmp"
else
	trap 'rm -rf "$tmp"' EXIT
fi
trap 'exit 130' INT TERM

# --- build ----------------------------------------------------------------
# Only the tracked files (as they are in the working tree): no build trees,
# no generated files.
src=$tmp/src
mkdir -p "$src"
(cd "$SRCDIR" && git ls-files -z | while IFS= read -r -d '' f; do
	[ -e "$f" ] && printf '%s\0' "$f"
done | xargs -0 cp --parents -t "$src") || { echo "FAIL: copy the tree"; exit 1; }

version=$(cd "$src" && dpkg-parsechangelog -S Version)
arch=$(dpkg --print-architecture)
start=$SECONDS
(cd "$src" && DEB_BUILD_OPTIONS="nocheck parallel=2" dpkg-buildpackage -b -us -uc) \
	> "$tmp/build.log" 2>&1
rc=$?
echo "pkg: dpkg-buildpackage took $((SECONDS - start)) s"
check "dpkg-buildpackage -b" [ "$rc" -eq 0 ]
if [ "$rc" -ne 0 ]; then
	tail -n 40 "$tmp/build.log"
	finish
fi
grep '^select-installed:' "$tmp/build.log" | sed 's/^/pkg: /'

deb() { echo "$tmp/${1}_${version}_${arch}.deb"; }
for p in "${PACKAGES[@]}"; do
	check "$p: .deb built" [ -f "$(deb "$p")" ]
	dpkg-deb -c "$(deb "$p")" > "$tmp/$p.contents" 2>/dev/null
	dpkg-deb -x "$(deb "$p")" "$tmp/root" 2>/dev/null
done

# --- contents -------------------------------------------------------------
# in_deb PKG PATH: the package lists ./PATH (a directory: PATH ends in /).
in_deb() { awk '{ print $6 }' "$tmp/$1.contents" | grep -qxF "./$2"; }

# Files from `make install`, as debian/P.install.in names them: present in the
# package, or not built by the tree yet.
expect_built() {
	local p=$1 f=$2 shipped=$2
	case $f in usr/share/man/*) shipped=$f.gz ;; esac
	if in_deb "$p" "$shipped"; then
		echo "PASS: $p: contains /$shipped"
	elif [ -e "$src/debian/tmp/$f" ]; then
		echo "FAIL: $p: /$f is built but not in the package"
		failed=1
	else
		skip "$p: contains /$shipped" "not built by the tree yet"
	fi
}
for p in "${PACKAGES[@]}"; do
	while read -r f dest; do
		case $f in
		''|'#'*) continue ;;
		debian/*) check "$p: contains /$dest/$(basename "$f")" in_deb "$p" "$dest/$(basename "$f")" ;;
		*) expect_built "$p" "$f" ;;
		esac
	done < "$src/debian/$p.install.in"
done
check "racoond: contains /etc/racoon/certs/" in_deb racoond etc/racoon/certs/
check "racoond: contains racoond.service" in_deb racoond lib/systemd/system/racoond.service
check "racoond: contains tmpfiles.d/racoond.conf (/var/racoon)" in_deb racoond usr/lib/tmpfiles.d/racoond.conf
check "mip6d: contains mip6d.service" in_deb mip6d lib/systemd/system/mip6d.service
check "mip6d: contains examples/mip6d-ha.conf" in_deb mip6d usr/share/doc/mip6d/examples/mip6d-ha.conf
check "mip6d: contains examples/mip6d-mn.conf" in_deb mip6d usr/share/doc/mip6d/examples/mip6d-mn.conf
check "mip6d: no /etc/mip6d.conf (role-specific, the admin writes it)" bash -c "! grep -q ' ./etc/mip6d.conf$' '$tmp/mip6d.contents'"

check "racoond: psk.txt is root:root 0600" \
	grep -qE '^-rw------- root/root .* \./etc/racoon/psk\.txt$' "$tmp/racoond.contents"
conffiles=$(dpkg-deb -I "$(deb racoond)" conffiles 2>/dev/null)
check "racoond: conffile /etc/racoon/racoon.conf" grep -qx /etc/racoon/racoon.conf <<< "$conffiles"
check "racoond: conffile /etc/racoon/psk.txt" grep -qx /etc/racoon/psk.txt <<< "$conffiles"

# --- control fields -------------------------------------------------------
field() { dpkg-deb -f "$(deb "$1")" "$2" 2>/dev/null; }
# has_rel PKG FIELD NAME: NAME is one of the packages FIELD names.
has_rel() { field "$1" "$2" | tr ',|' '\n\n' | sed 's/(.*//; s/ //g' | grep -qx "$3"; }
check "racoond: Conflicts racoon" has_rel racoond Conflicts racoon
check "racoond: Replaces racoon" has_rel racoond Replaces racoon
check "racoond: Provides racoon" has_rel racoond Provides racoon
check "mip6d: Conflicts umip" has_rel mip6d Conflicts umip
check "setkey: Conflicts ipsec-tools" has_rel setkey Conflicts ipsec-tools

# Every shared library a shipped program needs comes from a package that
# Depends names (dh_shlibdeps resolved them).
for p in "${PACKAGES[@]}"; do
	echo "pkg: $p Depends: $(field "$p" Depends)"
	progs=$(awk '$1 ~ /^-..x/ && $6 ~ /\/s?bin\// { print $6 }' "$tmp/$p.contents")
	if [ -z "$progs" ]; then
		skip "$p: shared library dependencies" "no program in the package yet"
		continue
	fi
	for prog in $progs; do
		for so in $(objdump -p "$tmp/root/$prog" | awk '$1 == "NEEDED" { print $2 }'); do
			owner=$(dpkg -S "*/$so" 2>/dev/null | head -n 1 | sed 's/[:,].*//')
			check "$p: Depends on $owner (${prog##*/} needs $so)" \
				has_rel "$p" Depends "${owner:-unknown}"
		done
	done
done

# --- lintian --------------------------------------------------------------
# bogus-mail-host*: the maintainer address devel@localhost is the project's
# placeholder until it has a real one.
if command -v lintian >/dev/null; then
	lintian --suppress-tags bogus-mail-host,bogus-mail-host-in-debian-changelog \
		"$tmp"/mip6-ike_"${version}"_"${arch}".changes > "$tmp/lintian.log" 2>&1
	grep -E '^[EWI]: ' "$tmp/lintian.log" | sed 's/^/lintian: /'
	check "lintian: no errors" bash -c "! grep -q '^E: ' '$tmp/lintian.log'"
else
	skip "lintian: no errors" "lintian not installed"
fi

# --- the shipped programs on the shipped files ---------------------------
root=$tmp/root
if [ -x "$root/usr/sbin/racoond" ]; then
	check "racoond -t accepts the shipped racoon.conf" \
		"$root/usr/sbin/racoond" -t -f "$root/etc/racoon/racoon.conf"
	# The commented example in it, uncommented, must be valid too.
	sed -E 's/^#(remote|sainfo|	|\})/\1/' "$root/etc/racoon/racoon.conf" > "$tmp/racoon-example.conf"
	check "racoond -t accepts the shipped example peer (uncommented)" \
		"$root/usr/sbin/racoond" -t --no-file-checks -f "$tmp/racoon-example.conf"
else
	skip "racoond -t on the shipped racoon.conf" "racoond not in the package"
fi
if [ -x "$root/usr/sbin/mip6d" ]; then
	for role in ha mn; do
		check "mip6d -t --offline accepts examples/mip6d-$role.conf" \
			"$root/usr/sbin/mip6d" -t --offline -c "$root/usr/share/doc/mip6d/examples/mip6d-$role.conf"
	done
	# mip6d.service runs the daemon with -n (foreground), which only the
	# daemon has: until it is built, mip6d -h does not list it.
	if "$root/usr/sbin/mip6d" -h 2>&1 | grep -q -- '--foreground'; then
		check "mip6d -h lists -n, the option mip6d.service uses" \
			bash -c "'$root/usr/sbin/mip6d' -h 2>&1 | grep -qE -- '-n, --foreground'"
	else
		skip "mip6d -n (mip6d.service's ExecStart)" "mip6d has no --foreground yet (daemon not built)"
	fi
else
	skip "mip6d -t on the shipped examples" "mip6d not in the package"
fi

# --- systemd units --------------------------------------------------------
# Verified with the programs' paths pointing into the extracted tree (verify
# checks that ExecStart's program exists); the manual pages they name are
# checked above as package contents, not against this machine's man.
if command -v systemd-analyze >/dev/null; then
	mkdir -p "$tmp/units"
	for unit in racoond.service mip6d.service; do
		sed "s|/usr/sbin/|$root/usr/sbin/|g" "$root/lib/systemd/system/$unit" > "$tmp/units/$unit"
		out=$(systemd-analyze verify --man=no "$tmp/units/$unit" 2>&1)
		rc=$?
		[ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/pkg: /'
		check "systemd-analyze verify $unit" [ "$rc" -eq 0 -a -z "$out" ]
	done
else
	skip "systemd-analyze verify" "systemd-analyze not installed"
fi

# --- optional: install and purge on this machine --------------------------
if [ -n "${PKG_INSTALL:-}" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		skip "dpkg -i / --purge" "needs root"
	else
		debs=()
		for p in "${PACKAGES[@]}"; do debs+=("$(deb "$p")"); done
		# dpkg's output goes to a log, shown when it fails.
		logged() { "$@" >> "$tmp/install.log" 2>&1 || { tail -n 20 "$tmp/install.log"; return 1; }; }
		check "dpkg -i racoond mip6d setkey" logged dpkg -i "${debs[@]}"
		check "installed: /etc/racoon/psk.txt is 0600" [ "$(stat -c %a /etc/racoon/psk.txt 2>/dev/null)" = 600 ]
		check "installed: /var/racoon exists (tmpfiles)" [ -d /var/racoon ]
		check "installed: racoond -t on /etc/racoon/racoon.conf" /usr/sbin/racoond -t
		check "dpkg --purge racoond mip6d setkey" logged dpkg --purge "${PACKAGES[@]}"
		check "purged: /etc/racoon/racoon.conf removed" [ ! -e /etc/racoon/racoon.conf ]
		check "purged: /usr/sbin/racoond removed" [ ! -e /usr/sbin/racoond ]
		check "purged: /var/racoon removed" [ ! -e /var/racoon ]
	fi
fi

finish
