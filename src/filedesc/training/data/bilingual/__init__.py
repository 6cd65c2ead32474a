"""Bilingual EN/FR knowledge from Debian: readers for its sources, the corpus builder, the aligner, lexicon growth.

Sources (each reached with the ordinary Debian client, never installed code): the translated package descriptions
of the apt lists (:mod:`.apt`), the French gettext catalogs (:mod:`.gettext`), the FreeDict dictionaries
(:mod:`.freedict`). :mod:`.corpus` cleans and writes them as one parallel corpus; :mod:`.align` learns word
translations from it; :mod:`.grow` turns them into lexicon entries.
"""
