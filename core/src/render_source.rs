//! Typesetting source (Typst, LaTeX) generated from a résumé. (In progress.)
