"""Attention Explorer's Streamlit app: lays out a model's trace, never computes a number itself."""
