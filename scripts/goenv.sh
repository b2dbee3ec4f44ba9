# shellcheck shell=bash
# Sourced by scripts that build modules with GOWORK=off: web and collector require released versions of
# contracts, which no public proxy serves, so the go command looks in the file-system proxy committed in
# third_party/goproxy first (scripts/release.sh publishes there) and then in the usual proxy for everything
# else. The checksum database does not know these modules either: go.sum pins them.
# Needs $root: the repository's top folder.
testlens_goproxy="file://$root/third_party/goproxy"
case ",${GOPROXY:-}," in
*",$testlens_goproxy,"*) ;;
*) export GOPROXY="$testlens_goproxy,$(GOWORK=off go env GOPROXY)" ;;
esac
case ",${GONOSUMDB:-}," in
*",github.com/testlens/testlens,"*) ;;
*) export GONOSUMDB="github.com/testlens/testlens${GONOSUMDB:+,$GONOSUMDB}" ;;
esac
