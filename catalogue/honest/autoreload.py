# why: many students keep autoreload on at the top of every notebook
# change: first-cell
%load_ext autoreload
%autoreload 2
