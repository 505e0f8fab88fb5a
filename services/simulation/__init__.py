"""Simulated traffic for the demo and the benchmarks: the fleet, its payloads,
the generator, a publisher, and a Mosquitto broker of our own."""
