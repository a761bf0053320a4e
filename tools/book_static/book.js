/* The book's one script fix (tools/book.py loads it after Sphinx's doctools.js).
 *
 * Sphinx's ngettext indexes a catalog's plural forms with the result of the catalog's plural
 * expression, which is a boolean for most languages ("n != 1"), and some catalogs (German) leave
 * the search page's plural message empty: the search page then stops with a TypeError before it
 * says how many pages it found. Here a plural form is looked up by number, and an empty one falls
 * back to the English text, as gettext does.
 */
(() => {
  const sphinxNgettext = Documentation.ngettext;
  Documentation.ngettext = (singular, plural, n) => {
    const translated = Documentation.TRANSLATIONS[singular];
    if (!Array.isArray(translated)) return sphinxNgettext(singular, plural, n);
    const text = translated[Number(Documentation.PLURAL_EXPR(n))];
    return text || (n === 1 ? singular : plural);
  };
})();
