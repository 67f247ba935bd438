"""Pages run by st.navigation (the folder is not called pages/ so Streamlit's old auto-pages stay off)."""
