#compdef liseuse

autoload -U is-at-least

_liseuse() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'--wpm=[Reading speed in words per minute, for the time left in the status line \[default\: the configuration'\''s, else 230\]]:N:_default' \
'--theme=[Colours\: dark, light, or auto (asks the terminal its background) \[default\: the configuration'\''s, else auto\]. NO_COLOR wins over any]:THEME:((dark\:"Light text on a dark background"
light\:"Dark text on a light background"
auto\:"As the terminal'\''s background is, dark when it cannot be told"))' \
'--mouse=[The mouse\: select (the reader takes it\: drag selects, the wheel scrolls), scroll (the terminal keeps it; the wheel scrolls), or off \[default\: the configuration'\''s, else select\]]:MOUSE:((select\:"The reader takes the mouse\: the wheel scrolls, dragging selects, a double click selects a word, a triple click a paragraph"
scroll\:"The terminal keeps the mouse (its own selection works); the wheel scrolls through its alternate-scroll mode"
off\:"The terminal keeps the mouse; the reader asks nothing of it"))' \
'-w+[Measure\: the width of the text column in columns, 0 for the whole window \[default\: the one chosen with + and -, else the configuration'\''s, else 70\]]:COLUMNS:_default' \
'--width=[Measure\: the width of the text column in columns, 0 for the whole window \[default\: the one chosen with + and -, else the configuration'\''s, else 70\]]:COLUMNS:_default' \
'-l+[The text'\''s language, as an ISO 639-1 code (fr, en, de…), instead of the one detected; typography (hyphenation, French spacing) follows it]:CODE:_default' \
'--lang=[The text'\''s language, as an ISO 639-1 code (fr, en, de…), instead of the one detected; typography (hyphenation, French spacing) follows it]:CODE:_default' \
'-s+[Open at the first match of PATTERN, matches highlighted (also written \`+/PATTERN\`, as in less); in plain output, print only the paragraphs that match (exit 1 when none does)]:PATTERN:_default' \
'--search=[Open at the first match of PATTERN, matches highlighted (also written \`+/PATTERN\`, as in less); in plain output, print only the paragraphs that match (exit 1 when none does)]:PATTERN:_default' \
'-e+[Read the text in this encoding (a WHATWG label such as latin1, windows-1252, shift_jis, gbk, utf-16le) instead of the one detected]:LABEL:_default' \
'--encoding=[Read the text in this encoding (a WHATWG label such as latin1, windows-1252, shift_jis, gbk, utf-16le) instead of the one detected]:LABEL:_default' \
'--format=[Read the document as this format (text, markdown, html, epub) instead of the one its extension or first bytes say]:FORMAT:_default' \
'--config=[Read the configuration from FILE instead of \$XDG_CONFIG_HOME/liseuse/config.toml (also LISEUSE_CONFIG)]:FILE:_files' \
'--state-dir=[Keep reading positions and highlights in DIR (default\: the XDG state directory, ~/.local/state/liseuse; also LISEUSE_STATE_DIR)]:DIR:_files' \
'--export-highlights=[Print the highlights of the document FILE (\`-\`\: standard input) and exit\: as Markdown with YAML front matter (for Obsidian, Logseq…), or as JSON (see --export-format)]:FILE:_files' \
'--export-format=[The form of --export-highlights\: markdown (front matter, a section per heading, each highlight quoted with its note, place and colour tag) or json (the same as one object)]:FORMAT:((markdown\:"Markdown with YAML front matter, for notes apps"
json\:"One JSON object, for other tools"))' \
'--from-start[Open at the top, not where the document was left]' \
'-F[Read the file again whenever it changes (R does it by hand); at the end of the text, the view follows what is added, as tail -f does]' \
'--follow[Read the file again whenever it changes (R does it by hand); at the end of the text, the view follows what is added, as tail -f does]' \
'--hyphenate[Hyphenate words at line ends (the default; Y toggles it in the reader)]' \
'--no-hyphenate[Do not hyphenate words]' \
'-j[Justify lines to both edges of the column (J toggles it)]' \
'--justify[Justify lines to both edges of the column (J toggles it)]' \
'--no-justify[Leave lines ragged on the right (the default)]' \
'--indent[Mark paragraphs with a first-line indent instead of a blank line]' \
'--no-indent[Separate paragraphs with a blank line (the default)]' \
'--full-page[Show a web page'\''s whole text instead of the article reader mode keeps]' \
'--show-escapes[Show terminal escape sequences (colours, titles…) as visible symbols instead of removing them]' \
'--binary[Show a file that looks binary without asking (plain output refuses such files otherwise)]' \
'-p[Print the laid-out text and exit (the default when standard output is not a terminal)]' \
'--plain[Print the laid-out text and exit (the default when standard output is not a terminal)]' \
'--print-config[Print the effective configuration (file and options, with comments and every key binding) as a configuration file, and exit]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::file -- Text to read; `-` reads standard input. Without it\: standard input when it is a pipe or a file, else the bundled article:_files' \
&& ret=0
}

(( $+functions[_liseuse_commands] )) ||
_liseuse_commands() {
    local commands; commands=()
    _describe -t commands 'liseuse commands' commands "$@"
}

if [ "$funcstack[1]" = "_liseuse" ]; then
    _liseuse "$@"
else
    compdef _liseuse liseuse
fi
