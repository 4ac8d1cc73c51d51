#!/usr/bin/env bash
# lint.sh: the checks beyond go vet and gofmt (scripts/test.sh runs it, so CI does): staticcheck,
# pinned, which fails on any finding (its configuration, and the checks disabled with why, in
# staticcheck.conf); govulncheck, pinned, offline (below); then, for information only, the
# functions above cyclomatic complexity 15 (gocyclo). All run with `go run` from the module cache
# (fetched once through the Go proxy).
#
# govulncheck: CI cannot reach vuln.go.dev, so its database is built once, from the OSV records
# (data/osv) of the pinned golang.org/x/vulndb module, by that module's own indexdb, into
# ~/.cache/exhibit-test/vulndb-VERSION (the v1 layout; plain .json is what `-db file://` reads, so
# the .json.gz copies are dropped). Newer advisories: pin a newer vulndb pseudo-version. First the
# database proves itself on a throwaway module that calls golang.org/x/text@v0.3.5's
# language.Parse and ParseAcceptLanguage: GO-2021-0113 and GO-2022-1059 must be reported, or an
# empty or broken database would pass everything. Then the build that ships (no ci tag) is
# scanned, and scripts/vulnreport.go reads the findings:
#   - vulnerable code our code calls in a required module fails: go get MODULE@FIXED;
#   - vulnerable code our code calls in the standard library is printed, not a failure: it is the
#     Go on the machine, fixed only by a newer Go release, and the Go module proxy serves none
#     newer in our line (go1.26.8, December 2026); the one newer Go it serves, go1.27.3, means
#     moving the whole project to GOTOOLCHAIN=go1.27.3: a decision of its own, not a lint failure;
#   - vulnerabilities of required modules whose vulnerable code we do not call are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 -tags ci ./...

govulncheck=golang.org/x/vuln/cmd/govulncheck@v1.9.0
vulndb=v0.0.0-20261105234957-e22db6528018 # golang.org/x/vulndb
db=${XDG_CACHE_HOME:-$HOME/.cache}/exhibit-test/vulndb-$vulndb
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
if [ ! -f "$db/index/modules.json" ]; then
  echo "govulncheck: building its database once, from golang.org/x/vulndb@$vulndb, into $db"
  mkdir -p "${db%/*}"
  src=$(cd "$work" && go mod download -json "golang.org/x/vulndb@$vulndb" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  [ -d "$src/data/osv" ] || { echo "lint.sh: no data/osv in golang.org/x/vulndb@$vulndb" >&2; exit 1; }
  new=$(mktemp -d "$db.new-XXXXXX")
  (cd "$work" && go run "golang.org/x/vulndb/cmd/indexdb@$vulndb" -vulns "$src/data/osv" -out "$new/db")
  find "$new/db" -name '*.json.gz' -delete
  # The records say modified 0001-01-01 (vuln.go.dev's deploy sets it): date the database by the
  # pinned commit, which govulncheck prints.
  t=${vulndb%-*}; t=${t##*-}; t=${t:0:4}-${t:4:2}-${t:6:2}T${t:8:2}:${t:10:2}:${t:12:2}Z
  printf '{"modified":"%s"}' "$t" >"$new/db/index/db.json"
  mv -T "$new/db" "$db" 2>/dev/null || [ -f "$db/index/modules.json" ] # another run may have won
  rm -rf "$new"
fi
# The proof on a known vulnerable module.
mkdir "$work/known"
printf 'module knownvuln\n\ngo 1.26\n\nrequire golang.org/x/text v0.3.5\n' >"$work/known/go.mod"
printf 'package main\n\nimport "golang.org/x/text/language"\n\nfunc main() {\n\tlanguage.Parse("en")\n\tlanguage.ParseAcceptLanguage("en")\n}\n' >"$work/known/main.go"
cat >"$work/known/go.sum" <<'SUM'
golang.org/x/text v0.3.5 h1:i6eZZ+zk0SOf0xgBpEpPD18qWcJda6q1sxt3S0kzyUQ=
golang.org/x/text v0.3.5/go.mod h1:5Zoc/QRtKVWzQhOtBMvqHzDpF6irO9z98xDceosuGiQ=
golang.org/x/tools v0.0.0-20180917221912-90fa682c2a6e/go.mod h1:n7NCudcB/nEzxVGmLbDWY5pfWTLqBcC2KZ6jyYvM4mQ=
SUM
(cd "$work/known" && go run "$govulncheck" -db "file://$db" -format json ./...) >"$work/known.json"
go run scripts/vulnreport.go -expect GO-2021-0113,GO-2022-1059 <"$work/known.json" ||
  { echo "lint.sh: the vulnerability database at $db is broken (delete it to rebuild)" >&2; exit 1; }
go run "$govulncheck" -db "file://$db" -format json ./... >"$work/vulns.json"
go run scripts/vulnreport.go <"$work/vulns.json"

echo "Functions above cyclomatic complexity 15 (information, not a failure):"
go run github.com/fzipp/gocyclo/cmd/gocyclo@v0.6.0 -over 15 -ignore '_test\.go$' . | sed 's/^/  /' || true
