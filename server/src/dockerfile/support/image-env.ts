/**
 * ENV variables that well-known official images set in their image config. BuildKit reads the real config
 * when it builds, so `$GOPATH` after `FROM golang` is not an UndefinedVar there; offline we can only know it
 * from this table. Values are unknown (they change per tag), only the names matter.
 * Sources: the images' Dockerfiles in docker-library (python, golang, node, …) and dotnet/dotnet-docker.
 */
const JAVA = ['JAVA_HOME', 'JAVA_VERSION', 'LANG', 'LANGUAGE', 'LC_ALL'];

export const IMAGE_ENV: Record<string, string[]> = {
  python: ['LANG', 'GPG_KEY', 'PYTHON_VERSION', 'PYTHON_SHA256'],
  pypy: ['LANG', 'PYPY_VERSION'],
  golang: ['GOLANG_VERSION', 'GOTOOLCHAIN', 'GOPATH'],
  node: ['NODE_VERSION', 'YARN_VERSION'],
  openjdk: JAVA,
  'eclipse-temurin': JAVA,
  amazoncorretto: ['LANG', 'JAVA_HOME'],
  maven: [...JAVA, 'MAVEN_HOME', 'MAVEN_CONFIG'],
  gradle: [...JAVA, 'GRADLE_HOME', 'GRADLE_VERSION'],
  tomcat: [...JAVA, 'CATALINA_HOME', 'TOMCAT_NATIVE_LIBDIR', 'LD_LIBRARY_PATH', 'GPG_KEYS', 'TOMCAT_MAJOR', 'TOMCAT_VERSION', 'TOMCAT_SHA512'],
  nginx: ['NGINX_VERSION', 'NJS_VERSION', 'NJS_RELEASE', 'PKG_RELEASE', 'DYNPKG_RELEASE'],
  httpd: ['HTTPD_PREFIX', 'HTTPD_VERSION', 'HTTPD_SHA256', 'HTTPD_PATCHES'],
  php: ['PHPIZE_DEPS', 'PHP_INI_DIR', 'APACHE_CONFDIR', 'APACHE_ENVVARS', 'PHP_CFLAGS', 'PHP_CPPFLAGS', 'PHP_LDFLAGS', 'GPG_KEYS', 'PHP_VERSION', 'PHP_URL', 'PHP_ASC_URL', 'PHP_SHA256'],
  ruby: ['LANG', 'RUBY_VERSION', 'RUBY_DOWNLOAD_URL', 'RUBY_DOWNLOAD_SHA256', 'GEM_HOME', 'BUNDLE_SILENCE_ROOT_WARNING', 'BUNDLE_APP_CONFIG'],
  rust: ['RUSTUP_HOME', 'CARGO_HOME', 'RUST_VERSION'],
  postgres: ['GOSU_VERSION', 'LANG', 'PG_MAJOR', 'PG_VERSION', 'PGDATA'],
  mysql: ['GOSU_VERSION', 'MYSQL_MAJOR', 'MYSQL_VERSION', 'MYSQL_SHELL_VERSION'],
  mariadb: ['GOSU_VERSION', 'LANG', 'MARIADB_VERSION'],
  redis: ['REDIS_VERSION', 'REDIS_DOWNLOAD_URL', 'REDIS_DOWNLOAD_SHA'],
  mongo: ['GOSU_VERSION', 'JSYAML_VERSION', 'MONGO_PACKAGE', 'MONGO_REPO', 'MONGO_MAJOR', 'MONGO_VERSION', 'HOME'],
  'mcr.microsoft.com/dotnet/runtime-deps': ['APP_UID', 'ASPNETCORE_HTTP_PORTS', 'DOTNET_RUNNING_IN_CONTAINER', 'DOTNET_VERSION'],
  'mcr.microsoft.com/dotnet/runtime': ['APP_UID', 'ASPNETCORE_HTTP_PORTS', 'DOTNET_RUNNING_IN_CONTAINER', 'DOTNET_VERSION'],
  'mcr.microsoft.com/dotnet/aspnet': ['APP_UID', 'ASPNETCORE_HTTP_PORTS', 'DOTNET_RUNNING_IN_CONTAINER', 'DOTNET_VERSION', 'ASPNET_VERSION'],
  'mcr.microsoft.com/dotnet/sdk': [
    'APP_UID',
    'ASPNETCORE_HTTP_PORTS',
    'DOTNET_RUNNING_IN_CONTAINER',
    'DOTNET_VERSION',
    'ASPNET_VERSION',
    'DOTNET_GENERATE_ASPNET_CERTIFICATE',
    'DOTNET_NOLOGO',
    'DOTNET_SDK_VERSION',
    'DOTNET_USE_POLLING_FILE_WATCHER',
    'NUGET_XMLDOC_MODE',
    'POWERSHELL_DISTRIBUTION_CHANNEL',
  ],
};

/** The table key for an image reference name: `docker.io/library/python` and `python` are the same image. */
export function imageEnvKey(name: string): string {
  return name.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
}

export function imageEnv(name: string): string[] {
  return IMAGE_ENV[imageEnvKey(name)] ?? [];
}
