#!/usr/bin/env bash
# Make sure PostgreSQL and Mosquitto answer on 127.0.0.1 (start the installed ones
# if not).  Never fatal: the tests start throwaway servers on free ports when the
# machine's own are not there.
set -uo pipefail

port_open() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }
pg_ready() {
    if command -v pg_isready > /dev/null; then
        pg_isready -q -h 127.0.0.1 -p 5432 -t 1
    else
        port_open 5432
    fi
}
wait_until() { # wait_until SECONDS COMMAND...
    local tries=$(($1 * 5))
    shift
    for _ in $(seq 1 "$tries"); do
        "$@" && return 0
        sleep 0.2
    done
    return 1
}

if ! pg_ready; then
    if command -v pg_ctlcluster > /dev/null && [ -d /etc/postgresql ]; then
        for version in $(ls /etc/postgresql); do
            echo "services: starting PostgreSQL $version/main"
            if pg_ctlcluster --skip-systemctl-redirect "$version" main start; then
                wait_until 10 pg_ready
            else
                echo "services: warning: PostgreSQL $version/main did not start" >&2
            fi
        done
    fi
    pg_ready || echo "services: no PostgreSQL on 127.0.0.1:5432; tests use throwaway servers"
fi

if ! port_open 1883; then
    if command -v mosquitto > /dev/null && [ -f /etc/mosquitto/mosquitto.conf ]; then
        echo "services: starting Mosquitto"
        if mosquitto -d -c /etc/mosquitto/mosquitto.conf; then
            wait_until 5 port_open 1883
        else
            echo "services: warning: Mosquitto did not start" >&2
        fi
    fi
    port_open 1883 || echo "services: no Mosquitto on 127.0.0.1:1883; tests use throwaway brokers"
fi
exit 0
