# why: the classic %matplotlib inline line
# change: first-cell
%matplotlib inline
