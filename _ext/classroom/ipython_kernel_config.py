"""Every Altair chart of a notebook drawn offline: a kernel setting for one environment.

Altair's default renderer writes HTML that loads Vega from the web, which a school network
or an offline machine blocks; its "mimetype" renderer hands the chart to the notebook, which
draws it with the Vega that JupyterLab, Notebook 7 and VS Code ship. `import nep` switches
it for the chapters; this does it for every kernel of the environment, so a student's brand-new
notebook draws too. IPython reads it from {sys.prefix}/etc/ipython/: installed there by
Binder's postBuild, and by the classroom zip's requirements (its setup/ wheel).
The book's build (NEP_BOOK_BUILD) keeps Altair's default, as it draws its charts itself.
"""
import os

if not os.environ.get("NEP_BOOK_BUILD"):
    c = get_config()  # noqa: F821 (IPython defines it for a config file)
    c.InteractiveShellApp.exec_lines.append(
        "if __import__('importlib.util').util.find_spec('altair'): "
        "__import__('altair').renderers.enable('mimetype')")
