# env.sh: sourced by the other scripts. A UTF-8 locale, with LANGUAGE=en (Fyne cannot parse "C.UTF-8"
# and logs an error without it), Go on
# PATH and new enough, cgo on.
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=en CGO_ENABLED=1
[ -x /usr/local/go/bin/go ] && case ":$PATH:" in *:/usr/local/go/bin:*) ;; *) PATH=$PATH:/usr/local/go/bin ;; esac
if ! command -v go >/dev/null; then
  echo "Go 1.26 or newer is needed: https://go.dev/dl/ (unpack it into /usr/local/go)" >&2; exit 1
fi
gov=$(go env GOVERSION | sed 's/^go//'); IFS=. read -r gomaj gomin _ <<<"$gov"
if [ "$gomaj" -lt 1 ] || { [ "$gomaj" -eq 1 ] && [ "$gomin" -lt 26 ]; }; then
  echo "Go $gov is too old: Exhibit needs Go 1.26 or newer (https://go.dev/dl/)" >&2; exit 1
fi
