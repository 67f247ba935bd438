"""What the tests and the benchmarks share: a real streamlit server, Chromium, and a websocket client
that speaks the browser's protocol. Here, so that no test depends on the benchmark package."""
