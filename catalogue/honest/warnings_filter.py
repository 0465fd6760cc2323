# why: silences warnings, as tutorials often suggest
# change: first-cell
import warnings
warnings.filterwarnings("ignore")
