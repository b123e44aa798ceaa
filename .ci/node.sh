# Official Node.js binaries from the npm registry (the only registry CI reaches besides Debian's):
# `node_bin <major>` prints the bin directory of the newest <major>.x, packed once with
# `npm pack node-linux-<arch>@<major>` and cached outside the clone, so later runs reuse it.
node_bin() {
  local major=$1 arch cache dir tmp
  arch=$(node -p 'process.arch')
  cache="${RUNYARD_CI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/runyard-ci}"
  dir="$cache/node-$major-$arch"
  # Refresh weekly: a cache that never changes would pin an old patch release forever.
  if [ -x "$dir/bin/node" ] && [ -z "$(find "$dir/bin/node" -mtime +7 2>/dev/null)" ]; then
    echo "$dir/bin"; return 0
  fi
  tmp=$(mktemp -d "$cache.XXXX" 2>/dev/null || { mkdir -p "$cache" && mktemp -d "$cache.XXXX"; }) || return 1
  if (cd "$tmp" && npm pack --silent "node-linux-$arch@$major" >/dev/null && tar xzf node-linux-*.tgz) && [ -x "$tmp/package/bin/node" ]; then
    mkdir -p "$cache" && rm -rf "$dir" && mv "$tmp/package" "$dir" && touch "$dir/bin/node"
  fi
  rm -rf "$tmp"
  [ -x "$dir/bin/node" ] && echo "$dir/bin"
}
