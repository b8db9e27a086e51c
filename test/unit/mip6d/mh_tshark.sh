#!/bin/sh
# The Mobility Header codec against an independent dissector: tshark must
# decode what mh_pcap built into the same fields, with good ICMPv6
# checksums and no malformed-packet or expert warning.
set -u
if ! command -v tshark >/dev/null 2>&1; then
	echo "SKIP: tshark not installed (Debian package tshark)"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
./test/unit/mip6d/mh_pcap "$tmp/mh.pcap" || { echo "FAIL: mh_pcap"; exit 1; }

fields() {
	tshark -r "$tmp/mh.pcap" -T fields -E separator='|' "$@" 2>/dev/null
}

compare() {
	name=$1
	if diff -u "$tmp/want" "$tmp/got"; then
		echo "PASS: $name"
	else
		echo "FAIL: $name"
		fail=1
	fi
}

# BU with HAO and Alternate CoA, BA through RH2 with BRA, the other types.
fields -e frame.number -e mip6.mhtype -e mip6.hlen -e mip6.bu.seqnr -e mip6.bu.a_flag \
	-e mip6.bu.h_flag -e mip6.bu.k_flag -e mip6.bu.lifetime -e mip6.acoa.acoa \
	-e ipv6.opt.mipv6.home_address -e mip6.ba.status -e mip6.ba.k_flag -e mip6.ba.seqnr \
	-e mip6.ba.lifetime -e mip6.bra.interval -e ipv6.routing.mipv6.home_address \
	-e ipv6.routing.type -e ipv6.routing.segleft >"$tmp/got"
cat >"$tmp/want" <<'END'
1|5|3|4660|1|1|1|16|2001:db8:1::100|2001:db8:ffff::1||||||||
2|6|1||||||||0|1|4660|16|15|2001:db8:ffff::1|2|1
3|0|0|||||||||||||||
4|1|1|||||||||||||||
5|2|1|||||||||||||||
6|3|2|||||||||||||||
7|4|2|||||||||||||||
8|7|2|||||||||||||||
9|5|9|7|1|1|0|100||||||||||
10|||||||||||||||||
11|||||||||||||||||
12|||||||||||||||||
13|||||||||||||||||
14|||||||||||||||||
END
compare "BU with HAO and Alternate CoA, BA with BRA through RH2, every MH type"

# Test messages, Binding Error, NEMO options, authorization data; ICMPv6.
fields -e frame.number -e mip6.hoti.cookie -e mip6.coti.cookie -e mip6.hot.nindex \
	-e mip6.hot.token -e mip6.cot.nindex -e mip6.be.status -e mip6.be.haddr -e mip6.ni.hni \
	-e mip6.ni.cni -e mip6.nemo.mnp.pfl -e mip6.nemo.mnp.mnp -e mip6.bad.auth \
	-e mip6.nemo.bu.r_flag -e icmpv6.type -e icmpv6.mip6.identifier \
	-e icmpv6.mip6.home_agent_address -e icmpv6.mip6.flag.o -e icmpv6.checksum.status \
	-e icmpv6.opt.prefix.flag.r -e icmpv6.opt.prefix -e icmpv6.opt.advertisement_interval \
	-e icmpv6.opt.home_agent_preference -e icmpv6.opt.home_agent_lifetime \
	-e icmpv6.nd.ra.flag.h >"$tmp/got"
cat >"$tmp/want" <<'END'
1|||||||||||||0|||||||||||
2||||||||||||||||||||||||
3||||||||||||||||||||||||
4|0x0102030405060708|||||||||||||||||||||||
5||0x0102030405060708||||||||||||||||||||||
6|||258|0x1112131415161718||||||||||||||||||||
7||||0x1112131415161718|258|||||||||||||||||||
8||||||2|2001:db8:ffff::1|||||||||||||||||
9||||||||3|4|64,48|2001:db8:aaaa:1::,2001:db8:bbbb::|5a5a5a5a5a5a5a5a5a5a5a5a|1|||||||||||
10||||||||||||||144|16962|||1||||||
11||||||||||||||145|16962|2001:db8:ffff::1000,2001:db8:ffff::1001||1||||||
12||||||||||||||146|1799|||1||||||
13||||||||||||||147|1799||1|1|1|2001:db8:ffff::1000||||
14||||||||||||||134||||1|1|2001:db8:ffff::1000|1500|10|1800|1
END
compare "test messages, BE, NEMO options, DHAAD, MPS/MPA, RA options"

tshark -r "$tmp/mh.pcap" -V >"$tmp/verbose" 2>/dev/null
if grep -Eqi 'malformed|expert info \((warning|error)|\[checksum status: bad' "$tmp/verbose"; then
	grep -Ei 'malformed|expert info|checksum status: bad' "$tmp/verbose"
	echo "FAIL: no malformed-packet or expert warning"
	fail=1
else
	echo "PASS: no malformed-packet or expert warning"
fi
exit $fail
