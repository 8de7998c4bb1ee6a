#!/usr/bin/env bash
# Throughput of `iterdemo http` beside `python3 -m http.server` (what it replaces) and nginx (what a real
# static server does), measured side by side in one run with wrk on loopback. Like is compared with like: the
# default HTTP/1.0 behaviour (a TCP connection per request, as Python) with nginx told `Connection: close`, and
# `-p HTTP/1.1` (keep-alive) with nginx's keep-alive:
#   the same 1 KiB and 1 MiB files, 1 and 64 connections, RUN_SECONDS per run (after a short warm-up),
#   req/s and p99 latency for each server, iterdemo's peak RSS and threads, and the ratios; then the time from
#   exec to the first answered request (a TCP connect and a whole GET) of iterdemo, with and without the class
#   data sharing archive the package builds, and of python3, interleaved, 9 runs each.
# iterdemo runs through packaging/iterdemo with the archive, as the installed units do. Every server logs each
# request: iterdemo and python to stderr, nginx to its access log.
#
#   bash bench/http.sh [RUN_SECONDS]        (default 5; builds target/iterdemo.jar first if it is missing)
#
# Needs Debian's wrk, nginx and python3 (apt-get install wrk nginx python3). nginx is started by this script
# from a temporary configuration (2 workers, a free loopback port), never as the system service. Every server
# listens on 127.0.0.1 only and is stopped on exit. Results and their reading: docs/http-mode.md.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-5}
for tool in wrk nginx /usr/bin/python3; do
    command -v "$tool" >/dev/null || { echo "bench/http.sh: $tool is needed (apt-get install wrk nginx python3)" >&2; exit 69; }
done
[ -f target/iterdemo.jar ] && [ -f target/cds/tick.classlist ] || mvn -B -q package -DskipTests
jar=$PWD/target/iterdemo.jar

work=$(mktemp -d /tmp/iterdemo-http-bench.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
# nginx's workers run as nobody: they must be able to read the files.
chmod 755 "$work"
mkdir -m 755 "$work/www" "$work/nginx"
head -c 1024 /dev/urandom > "$work/www/1k.bin"
head -c 1048576 /dev/urandom > "$work/www/1m.bin"
chmod 644 "$work/www/"*
# The class data sharing archives as postinst builds them, for this jar and this JDK.
sh packaging/cds/update-cds-archive "$jar" target/cds "$work/cds"

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() { # wait_port PORT: until something answers there
    for _ in $(seq 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "bench/http.sh: nothing listens on port $1" >&2
    exit 70
}

# The servers: name, port, pid.
declare -A port pid
start() { # start NAME COMMAND...: runs a server in the background, stdout and stderr to files
    local name=$1
    shift
    "$@" >"$work/$name.out" 2>"$work/$name.err" &
    pid[$name]=$!
    pids+=("$!")
}

port[python]=$(free_port)
start python /usr/bin/python3 -m http.server "${port[python]}" --bind 127.0.0.1 --directory "$work/www"

# The units' JVM flags (packaging/iterdemo), and the same with HTTP/1.1 keep-alive, which wrk, browsers and
# nginx use; the default HTTP/1.0, as in Python, costs a TCP connection per request.
port[iterdemo]=$(free_port)
start iterdemo env ITERDEMO_JAR="$jar" ITERDEMO_CDS_ARCHIVE="$work/cds/http.jsa" packaging/iterdemo http "${port[iterdemo]}" -b 127.0.0.1 -d "$work/www"
port[iterdemo-keepalive]=$(free_port)
start iterdemo-keepalive env ITERDEMO_JAR="$jar" ITERDEMO_CDS_ARCHIVE="$work/cds/http.jsa" packaging/iterdemo http "${port[iterdemo-keepalive]}" -b 127.0.0.1 \
    -d "$work/www" -p HTTP/1.1

port[nginx]=$(free_port)
cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log $work/nginx/access.log;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    sendfile on;
    server {
        listen 127.0.0.1:${port[nginx]};
        root $work/www;
    }
}
CONF
start nginx nginx -e "$work/nginx/error.log" -p "$work/nginx" -c "$work/nginx/nginx.conf"

# The same nginx, asked by wrk to close every connection after its response, as HTTP/1.0 servers do.
port[nginx-close]=${port[nginx]}

servers=(python iterdemo nginx-close iterdemo-keepalive nginx)
for name in "${servers[@]}"; do wait_port "${port[$name]}"; done

# Peak threads of the iterdemo JVMs, sampled while wrk runs (VmHWM gives the peak RSS at the end).
declare -A peak_threads
sample_threads() { # sample_threads NAME: prints the highest Threads: value seen until killed
    local max=0 now
    while kill -0 "${pid[$1]}" 2>/dev/null; do
        now=$(awk '/^Threads:/ {print $2}' "/proc/${pid[$1]}/status" 2>/dev/null || echo 0)
        [ "${now:-0}" -gt "$max" ] && max=$now && echo "$max" > "$work/$1.threads"
        sleep 0.2
    done
}

declare -A rps p99
run() { # run NAME FILE CONNECTIONS
    local name=$1 file=$2 connections=$3 threads=2 out close=()
    [ "$connections" -lt 2 ] && threads=1
    [ "$name" = nginx-close ] && close=(-H "Connection: close")
    out=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "${close[@]}" "http://127.0.0.1:${port[$name]}/$file" 2>&1)
    echo "$out" > "$work/wrk-$name-$file-$connections.txt"
    rps[$name,$file,$connections]=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")
    p99[$name,$file,$connections]=$(awk '$1 == "99%" {print $2}' <<<"$out")
    if grep -q "Non-2xx\|Socket errors" <<<"$out"; then
        echo "  note: $name $file c=$connections: $(grep "Non-2xx\|Socket errors" <<<"$out" | tr -s ' ' | paste -sd ';')"
    fi
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -1
/usr/bin/python3 --version
nginx -v 2>&1
wrk --version 2>&1 | head -1 || true
echo "cores: $(nproc); ${seconds} s per run, loopback"

for name in iterdemo iterdemo-keepalive; do
    sample_threads "$name" &
    pids+=("$!")
    # JIT warm-up: C1 compiles the hot paths in the first seconds.
    wrk -t2 -c16 -d2s "http://127.0.0.1:${port[$name]}/1k.bin" >/dev/null 2>&1
done

for file in 1k.bin 1m.bin; do
    for connections in 1 64; do
        for name in "${servers[@]}"; do
            run "$name" "$file" "$connections"
        done
    done
done

millis() { # millis 1.23ms|456.00us|1.20s: the latency wrk printed, in milliseconds
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; print n }'
}

echo
printf '%-10s %5s | %-22s | %-22s | %-22s | %-22s | %-22s | %s\n' file conns "python3 http.server" \
    "iterdemo (HTTP/1.0)" "nginx, Connection: close" "iterdemo -p HTTP/1.1" "nginx (2 workers)" \
    "iterdemo/python, HTTP/1.0/nginx-close, keep-alive/nginx, p99 keep-alive/nginx"
for file in 1k.bin 1m.bin; do
    for connections in 1 64; do
        row=()
        for name in "${servers[@]}"; do
            row+=("$(printf '%8s req/s p99 %-7s' "${rps[$name,$file,$connections]}" "${p99[$name,$file,$connections]}")")
        done
        py=${rps[python,$file,$connections]}
        ours=${rps[iterdemo,$file,$connections]}
        ka=${rps[iterdemo-keepalive,$file,$connections]}
        ng=${rps[nginx,$file,$connections]}
        nc=${rps[nginx-close,$file,$connections]}
        ratios=$(awk -v a="$ours" -v b="$py" -v c="$ka" -v d="$ng" -v e="$nc" \
            -v p="$(millis "${p99[iterdemo-keepalive,$file,$connections]}")" -v q="$(millis "${p99[nginx,$file,$connections]}")" \
            'BEGIN { printf "%.1fx, %.2fx, %.2fx, %.2fx", (b > 0 ? a / b : 0), (e > 0 ? a / e : 0), (d > 0 ? c / d : 0), (q > 0 ? p / q : 0) }')
        printf '%-10s %5s | %s | %s | %s | %s | %s | %s\n' "$file" "$connections" "${row[@]}" "$ratios"
    done
done

echo
for name in iterdemo iterdemo-keepalive; do
    hwm=$(awk '/^VmHWM:/ {printf "%.1f MiB", $2 / 1024}' "/proc/${pid[$name]}/status")
    echo "$name: peak RSS $hwm, peak threads $(cat "$work/$name.threads" 2>/dev/null || echo '?')"
done
python_hwm=$(awk '/^VmHWM:/ {printf "%.1f MiB", $2 / 1024}' "/proc/${pid[python]}/status")
echo "python3 http.server: peak RSS $python_hwm"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

# Start-up: from exec to the first whole response, polling connect every 2 ms. iterdemo through the launcher
# (the units' flags) with and without the archive, python3 as the lab starts it; each run on a fresh free port,
# the variants interleaved, 9 rounds, min and median.
/usr/bin/python3 - "$work/www" \
    "iterdemo=env ITERDEMO_JAR=$jar ITERDEMO_CDS_ARCHIVE=$work/cds/http.jsa packaging/iterdemo http -b 127.0.0.1 -d" \
    "iterdemo, no archive=env ITERDEMO_JAR=$jar packaging/iterdemo http -b 127.0.0.1 -d" \
    "python3 http.server=/usr/bin/python3 -m http.server --bind 127.0.0.1 --directory" <<'PY'
import socket, statistics, subprocess, sys, time
www, variants = sys.argv[1], [v.split("=", 1) for v in sys.argv[2:]]
times = {name: [] for name, _ in variants}
for _ in range(9):
    for name, command in variants:
        s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
        start = time.monotonic()
        server = subprocess.Popen(command.split() + [www, str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        answered = None
        while answered is None and time.monotonic() - start < 30:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=5) as c:
                    c.sendall(b"GET /1k.bin HTTP/1.0\r\n\r\n")
                    data = b""
                    while chunk := c.recv(65536):
                        data += chunk
                    if data.startswith(b"HTTP/1.") and b" 200 " in data.split(b"\r\n", 1)[0]:
                        answered = time.monotonic() - start
            except OSError:
                time.sleep(0.002)
        server.terminate()
        server.wait()
        times[name].append(answered if answered is not None else float("inf"))
reference = statistics.median(times["python3 http.server"])
for name, _ in variants:
    median = statistics.median(times[name])
    print(f"{name}: exec to first answered GET: min {min(times[name]) * 1000:.0f} ms, "
          f"median {median * 1000:.0f} ms, {median / reference:.1f}x python3's median")
PY
