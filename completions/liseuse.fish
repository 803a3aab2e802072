complete -c liseuse -l wpm -d 'Reading speed in words per minute, for the time left in the status line [default: the configuration\'s, else 230]' -r
complete -c liseuse -l theme -d 'Colours: dark, light, or auto (asks the terminal its background) [default: the configuration\'s, else auto]. NO_COLOR wins over any' -r -f -a "dark\t'Light text on a dark background'
light\t'Dark text on a light background'
auto\t'As the terminal\'s background is, dark when it cannot be told'"
complete -c liseuse -l mouse -d 'The mouse: select (the reader takes it: drag selects, the wheel scrolls), scroll (the terminal keeps it; the wheel scrolls), or off [default: the configuration\'s, else select]' -r -f -a "select\t'The reader takes the mouse: the wheel scrolls, dragging selects, a double click selects a word, a triple click a paragraph'
scroll\t'The terminal keeps the mouse (its own selection works); the wheel scrolls through its alternate-scroll mode'
off\t'The terminal keeps the mouse; the reader asks nothing of it'"
complete -c liseuse -s w -l width -d 'Measure: the width of the text column in columns, 0 for the whole window [default: the one chosen with + and -, else the configuration\'s, else 70]' -r
complete -c liseuse -s l -l lang -d 'The text\'s language, as an ISO 639-1 code (fr, en, de…), instead of the one detected; typography (hyphenation, French spacing) follows it' -r
complete -c liseuse -s s -l search -d 'Open at the first match of PATTERN, matches highlighted (also written `+/PATTERN`, as in less); in plain output, print only the paragraphs that match (exit 1 when none does)' -r
complete -c liseuse -s e -l encoding -d 'Read the text in this encoding (a WHATWG label such as latin1, windows-1252, shift_jis, gbk, utf-16le) instead of the one detected' -r
complete -c liseuse -l format -d 'Read the document as this format (text, markdown, html, epub) instead of the one its extension or first bytes say' -r
complete -c liseuse -l config -d 'Read the configuration from FILE instead of $XDG_CONFIG_HOME/liseuse/config.toml (also LISEUSE_CONFIG)' -r -F
complete -c liseuse -l state-dir -d 'Keep reading positions and highlights in DIR (default: the XDG state directory, ~/.local/state/liseuse; also LISEUSE_STATE_DIR)' -r -F
complete -c liseuse -l export-highlights -d 'Print the highlights of the document FILE (`-`: standard input) and exit: as Markdown with YAML front matter (for Obsidian, Logseq…), or as JSON (see --export-format)' -r -F
complete -c liseuse -l export-format -d 'The form of --export-highlights: markdown (front matter, a section per heading, each highlight quoted with its note, place and colour tag) or json (the same as one object)' -r -f -a "markdown\t'Markdown with YAML front matter, for notes apps'
json\t'One JSON object, for other tools'"
complete -c liseuse -l from-start -d 'Open at the top, not where the document was left'
complete -c liseuse -s F -l follow -d 'Read the file again whenever it changes (R does it by hand); at the end of the text, the view follows what is added, as tail -f does'
complete -c liseuse -l hyphenate -d 'Hyphenate words at line ends (the default; Y toggles it in the reader)'
complete -c liseuse -l no-hyphenate -d 'Do not hyphenate words'
complete -c liseuse -s j -l justify -d 'Justify lines to both edges of the column (J toggles it)'
complete -c liseuse -l no-justify -d 'Leave lines ragged on the right (the default)'
complete -c liseuse -l indent -d 'Mark paragraphs with a first-line indent instead of a blank line'
complete -c liseuse -l no-indent -d 'Separate paragraphs with a blank line (the default)'
complete -c liseuse -l full-page -d 'Show a web page\'s whole text instead of the article reader mode keeps'
complete -c liseuse -l show-escapes -d 'Show terminal escape sequences (colours, titles…) as visible symbols instead of removing them'
complete -c liseuse -l binary -d 'Show a file that looks binary without asking (plain output refuses such files otherwise)'
complete -c liseuse -s p -l plain -d 'Print the laid-out text and exit (the default when standard output is not a terminal)'
complete -c liseuse -l print-config -d 'Print the effective configuration (file and options, with comments and every key binding) as a configuration file, and exit'
complete -c liseuse -s h -l help -d 'Print help (see more with \'--help\')'
complete -c liseuse -s V -l version -d 'Print version'
