"""Driving the app as a browser and a class do: a Streamlit server in a subprocess, Chromium, and
websocket sessions that speak the browser's protocol. The benchmarks and the tests both use it."""
