# semver.sh — semantic versions of per-module tags (MODULE/vX.Y.Z), sourced by api-check.sh and release.sh.

# semver_re matches vMAJOR.MINOR.PATCH with an optional -pre-release; BASH_REMATCH[1..4] hold the parts.
semver_re='^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$'

# semver_cmp A B prints -1, 0 or 1 as A is lower than, equal to or greater than B. A pre-release is lower
# than its release; two pre-releases compare as strings (enough for -rc.1 < -rc.2).
semver_cmp() {
	local a b i
	[[ "$1" =~ $semver_re ]] || return 2
	a=("${BASH_REMATCH[@]:1:4}")
	[[ "$2" =~ $semver_re ]] || return 2
	b=("${BASH_REMATCH[@]:1:4}")
	for i in 0 1 2; do
		if ((a[i] != b[i])); then
			((a[i] > b[i])) && echo 1 || echo -1
			return 0
		fi
	done
	if [[ "${a[3]}" == "${b[3]}" ]]; then
		echo 0
	elif [[ -z "${a[3]}" ]]; then
		echo 1
	elif [[ -z "${b[3]}" ]]; then
		echo -1
	elif [[ "${a[3]}" > "${b[3]}" ]]; then
		echo 1
	else
		echo -1
	fi
}

# latest_tag REPO MODULE prints the highest MODULE/vX.Y.Z tag of the git repository REPO, or nothing.
latest_tag() {
	local best="" tag
	while read -r tag; do
		[[ "${tag#"$2"/}" =~ $semver_re ]] || continue
		if [[ -z "$best" || "$(semver_cmp "${tag#"$2"/}" "${best#"$2"/}")" == 1 ]]; then
			best="$tag"
		fi
	done < <(git -C "$1" tag --list "$2/v*")
	echo "$best"
}
