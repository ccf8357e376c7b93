"""Official-layout output: PDF, Excel and Word from one renderer-neutral layout.

``layout`` describes parts, paragraphs and tables; ``forms_text`` and ``forms_tables`` build it
from a document (``compose`` picks the forms); ``pdf``, ``xlsx`` and ``docx`` only draw it.
``service`` is the entry point for the GUI and the command line.
"""
