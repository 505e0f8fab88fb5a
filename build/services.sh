#!/usr/bin/env bash
# Make sure PostgreSQL and Mosquitto answer on 127.0.0.1 (start the installed ones
# if not).  Never fatal: the tests start throwaway servers on free ports when the
# machine's own are not there.
set -uo pipefail

port_open() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

if ! port_open 5432; then
    if command -v pg_ctlcluster > /dev/null && [ -d /etc/postgresql ]; then
        for version in $(ls /etc/postgresql); do
            echo "services: starting PostgreSQL $version"
            pg_ctlcluster --skip-systemctl-redirect "$version" main start 2> /dev/null || true
        done
    fi
fi
if ! port_open 1883; then
    if command -v mosquitto > /dev/null; then
        echo "services: starting Mosquitto"
        mosquitto -d -c /etc/mosquitto/mosquitto.conf 2> /dev/null || true
    fi
fi
for _ in $(seq 1 20); do
    port_open 5432 && port_open 1883 && break
    sleep 0.5
done
port_open 5432 || echo "services: no PostgreSQL on 127.0.0.1:5432; tests use throwaway servers"
port_open 1883 || echo "services: no Mosquitto on 127.0.0.1:1883; tests use throwaway brokers"
exit 0
