# Sourced by deploy/lint and deploy/cluster-check.sh: runs deploy/nginx.conf outside a container, on loopback.
#
# loopback_nginx_config DIR LISTEN_PORT APP1_PORT APP2_PORT writes DIR/nginx.conf, a main configuration that includes
# deploy/nginx.conf with `listen 80` and the `server app-N:8080` lines pointed at 127.0.0.1 ports, and keeps the pid,
# logs and temporary files in DIR. Start it with `nginx -p DIR -e DIR/error.log -c DIR/nginx.conf`.

loopback_nginx_config() {
    local dir=$1 listen=$2 app1=$3 app2=$4 site
    site="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/nginx.conf"
    mkdir -p "$dir/temp"
    sed -e "s/listen 80;/listen 127.0.0.1:$listen;/" \
        -e "s/server app-1:8080 /server 127.0.0.1:$app1 /" \
        -e "s/server app-2:8080 /server 127.0.0.1:$app2 /" "$site" >"$dir/site.conf"
    # The substitution must have found all three, or nginx would be tested or run with the container names.
    [ "$(grep -cE "listen 127\.0\.0\.1:$listen;|server 127\.0\.0\.1:($app1|$app2) " "$dir/site.conf")" = 3 ] || {
        echo "deploy/nginx.conf no longer has 'listen 80;', 'server app-1:8080 ' and 'server app-2:8080 '" >&2
        return 1
    }
    {
        # Run as root (CI), nginx's workers would otherwise be 'nobody' and could not write DIR/temp.
        [ "$(id -u)" -ne 0 ] || echo "user root;"
        cat <<CONF
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/temp/body;
    proxy_temp_path $dir/temp/proxy;
    fastcgi_temp_path $dir/temp/fastcgi;
    uwsgi_temp_path $dir/temp/uwsgi;
    scgi_temp_path $dir/temp/scgi;
    include /etc/nginx/mime.types;
    include $dir/site.conf;
}
CONF
    } >"$dir/nginx.conf"
}
