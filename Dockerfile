# Attention Explorer: the Streamlit app with its pretrained models, CPU only.
#   docker build -t attention-explorer .
#   docker run -p 8501:8501 attention-explorer          # then open http://localhost:8501
# See docs/deploy.md for serving a large class (replicas, sticky sessions, settings).
FROM python:3.11-slim

# OMP_NUM_THREADS=1: one torch thread per request, as sessions already run in parallel threads
# (bench/trace_latency.py, docs/deploy.md). Streamlit's settings come from .streamlit/config.toml alone,
# copied into the working directory below, where `streamlit run` reads it.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    OMP_NUM_THREADS=1

WORKDIR /srv/attention-explorer

# Dependencies first: this layer changes only with requirements.txt. torch comes from PyTorch's CPU
# index at exactly the version requirements.txt pins (PyPI's torch for linux x86_64 is the CUDA
# build, ~10x larger); the second install then finds torch already satisfied and adds the rest.
COPY requirements.txt .
RUN TORCH_PIN="$(grep -E '^torch==' requirements.txt)" \
 && test -n "$TORCH_PIN" \
 && pip install --index-url https://download.pytorch.org/whl/cpu "$TORCH_PIN" \
 && pip install -r requirements.txt \
 && python -c "import torch; assert torch.version.cuda is None, torch.version.cuda"

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin explorer

# --chown: safetensors writes model.safetensors with mode 0600, unreadable by another user.
COPY --chown=explorer:explorer .streamlit/config.toml .streamlit/config.toml
COPY --chown=explorer:explorer model/ model/
COPY --chown=explorer:explorer app/ app/
COPY --chown=explorer:explorer pretrained/ pretrained/

USER explorer
EXPOSE 8501

# slim images have no curl: Python asks the health endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://localhost:8501/_stcore/health', timeout=4).status == 200 else 1)"]

# Exec form: streamlit is PID 1 and receives docker stop's SIGTERM directly.
CMD ["streamlit", "run", "app/main.py", "--server.port", "8501", "--server.address", "0.0.0.0"]
