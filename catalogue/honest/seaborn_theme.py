# why: a seaborn theme for nicer plots
# change: first-cell
import seaborn as sns
sns.set_theme()
