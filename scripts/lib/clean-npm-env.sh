# Sourced by scripts/ and test/infra/. A nested npm reads every npm_config_* variable an outer
# `npm run`/`npm test` exported as its own configuration (an inherited user agent naming Node 20 made
# code-server's postinstall refuse Node 24), and the project's node_modules/.bin that npm put on PATH
# would shadow the nested install's own tools.

# Drops that environment from the current shell.
unset_npm_env() {
  local name entry path= IFS=$'\n'
  for name in $(compgen -e); do
    case $name in
      [Nn][Pp][Mm]_[Cc][Oo][Nn][Ff][Ii][Gg]_*|npm_lifecycle_*|npm_package_*|npm_execpath|npm_node_execpath|npm_command|INIT_CWD|NODE)
        unset "$name" ;;
    esac
  done
  # npm run prepends node_modules/.bin of the package and of each parent, and its node-gyp shim.
  IFS=:
  for entry in $PATH; do
    case $entry in */node_modules/.bin|*/@npmcli/run-script/lib/node-gyp-bin|'') continue ;; esac
    path=${path:+$path:}$entry
  done
  export PATH="$path"
}

# clean_npm_env CMD...: runs CMD without it (NAME=VALUE words before CMD are set for CMD, as with env).
clean_npm_env() { (unset_npm_env; exec env "$@"); }
