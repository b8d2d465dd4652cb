# Sourced by the scripts after scripts/setup-debian.sh: puts a Go able to
# build Cohésion (go.mod asks for 1.26.8) first in PATH. A go already in PATH
# that is recent enough is kept; otherwise the toolchain setup-debian.sh
# fetched from the Go module proxy (golang.org/toolchain, kept in the user's
# module cache and reused) goes first. Debian 12's own golang-go is Go 1.19,
# too old to build Cohésion, and older than the toolchain switch of Go 1.21.
cohesion_go_version=1.26.8
cohesion_toolchain=golang.org/toolchain@v0.0.1-go$cohesion_go_version.linux-amd64

# cohesion_go_ok: the go in PATH is there and recent enough.
cohesion_go_ok() {
	command -v go >/dev/null 2>&1 || return 1
	local have
	have=$(GOTOOLCHAIN=local go env GOVERSION 2>/dev/null | sed 's/^go//') || return 1
	[[ -n $have && "$(printf '%s\n%s\n' "$cohesion_go_version" "$have" | sort -V | head -n1)" == "$cohesion_go_version" ]]
}

# cohesion_toolchain_dir: where the fetched toolchain is (or goes): the module
# cache of the go in PATH, else Go's default one.
cohesion_toolchain_dir() {
	local cache=${GOMODCACHE:-}
	if [[ -z $cache ]] && command -v go >/dev/null 2>&1; then
		cache=$(GOTOOLCHAIN=local go env GOMODCACHE 2>/dev/null) || cache=""
	fi
	[[ -n $cache ]] || cache=${GOPATH:-$HOME/go}/pkg/mod
	echo "$cache/$cohesion_toolchain"
}

if ! cohesion_go_ok && [[ -x "$(cohesion_toolchain_dir)/bin/go" ]]; then
	PATH="$(cohesion_toolchain_dir)/bin:$PATH"
	export PATH
fi
