"""The pages, one file each, run by st.navigation (see app/navigation.py); a package only
so that import-linter can hold them to laying out."""
