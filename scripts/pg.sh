#!/usr/bin/env bash
# pg.sh — a project-local PostgreSQL for development, tests and the demo.
#
#   scripts/pg.sh url    start the local cluster if needed and print its URL
#   scripts/pg.sh down   stop the local cluster (keeps its data for the next run)
#   scripts/pg.sh status say whether it runs
#
# When DATABASE_URL is set, `url` prints it and starts nothing: an operator's
# database always wins over the local one.
#
# The cluster lives in .testlens/pg (git-ignored). PostgreSQL refuses to run as
# root, so as root the server runs as an unprivileged user (postgres, or
# testlens-pg which is created when missing); when that user cannot reach the
# checkout (a clone under a 0700 home), the data folder moves to
# ${TMPDIR:-/tmp}/testlens-pg-<hash of the checkout path> and .testlens/pg is a
# symlink to it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="$root/.testlens"
link="$state/pg"

die() { echo "pg.sh: $*" >&2; exit 1; }

find_bindir() {
	local d
	if command -v pg_config >/dev/null 2>&1; then
		d="$(pg_config --bindir 2>/dev/null || true)"
		if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then echo "$d"; return; fi
	fi
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then echo "$d"; return; fi
	done
	if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
		dirname "$(command -v initdb)"; return
	fi
	die "no PostgreSQL server binaries (initdb, pg_ctl) found.
Install them (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql@15),
or point DATABASE_URL at a PostgreSQL you already run."
}

# as_pg runs a command as the unprivileged server user when we are root.
as_pg() {
	if [[ $(id -u) -eq 0 ]]; then
		# From / : the caller's folder may be closed to the server's user.
		(cd / && runuser -u "$pg_user" -- "$@")
	else
		"$@"
	fi
}

pick_user() {
	pg_user="$(id -un)"
	if [[ $(id -u) -eq 0 ]]; then
		if id postgres >/dev/null 2>&1; then
			pg_user=postgres
		else
			id testlens-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin testlens-pg
			pg_user=testlens-pg
		fi
	fi
}

# data_dir prints the folder that holds the cluster, creating it when asked.
data_dir() {
	if [[ -L "$link" || -d "$link" ]]; then
		(cd "$link" && pwd -P)
		return
	fi
	mkdir -p "$state"
	local dir="$link"
	if [[ $(id -u) -eq 0 ]] && ! runuser -u "$pg_user" -- test -x "$state"; then
		local hash
		hash="$(printf '%s' "$root" | sha256sum | cut -c1-12)"
		dir="${TMPDIR:-/tmp}/testlens-pg-$hash"
		mkdir -p "$dir"
		ln -sfn "$dir" "$link"
	else
		mkdir -p "$dir"
	fi
	if [[ $(id -u) -eq 0 ]]; then chown "$pg_user" "$dir"; fi
	chmod 0700 "$dir"
	(cd "$dir" && pwd -P)
}

port_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

running() {
	local dir="$1"
	[[ -f "$dir/data/postmaster.pid" ]] && as_pg "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

url_of() {
	echo "postgres://postgres@127.0.0.1:$(cat "$1/port")/testlens?sslmode=disable"
}

cmd_url() {
	if [[ -n "${DATABASE_URL:-}" ]]; then echo "$DATABASE_URL"; return; fi
	bindir="$(find_bindir)"
	pick_user
	local dir
	dir="$(data_dir)"
	if ! running "$dir"; then
		if [[ ! -f "$dir/data/PG_VERSION" ]]; then
			as_pg "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
				die "initdb failed, see $dir/initdb.log"
		fi
		local port
		port="$(cat "$dir/port" 2>/dev/null || echo 55432)"
		while ! port_free "$port"; do port=$((port + 1)); done
		echo "$port" >"$dir/port"
		# Sockets only on loopback TCP: a unix socket path would have to be
		# reachable by every client user, and CI's checkout may not be.
		as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
			-o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
			start >/dev/null || die "PostgreSQL did not start, see $dir/server.log"
		as_pg "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atqc \
			"SELECT 1 FROM pg_database WHERE datname='testlens'" | grep -q 1 ||
			as_pg "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres testlens
	fi
	url_of "$dir"
}

cmd_down() {
	if [[ ! -e "$link" ]]; then echo "pg.sh: no local cluster"; return; fi
	bindir="$(find_bindir)"
	pick_user
	local dir
	dir="$(data_dir)"
	if running "$dir"; then
		as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
		echo "pg.sh: stopped the local cluster in $dir"
	else
		echo "pg.sh: the local cluster is not running"
	fi
}

cmd_status() {
	if [[ ! -e "$link" ]]; then echo "no local cluster"; return 1; fi
	bindir="$(find_bindir)"
	pick_user
	local dir
	dir="$(data_dir)"
	if running "$dir"; then echo "running: $(url_of "$dir")"; else echo "stopped"; return 1; fi
}

case "${1:-url}" in
url) cmd_url ;;
down) cmd_down ;;
status) cmd_status ;;
*) die "usage: scripts/pg.sh [url|down|status]" ;;
esac
