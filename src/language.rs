//! The language of a document: detected from a sample of its text, or named
//! on the command line.
//!
//! A [`Language`] is one row of a fixed table that ties together the ISO
//! 639-1 code the reader shows and accepts (`fr`), the language the
//! detector (whatlang) names, and the Knuth–Liang patterns of the
//! `hyphenation` crate for it, when there are any. Typography follows the
//! language: French spacing rules apply to French, and words are hyphenated
//! with the patterns of the language.

use std::fmt;

use hyphenation::Language as Patterns;
use whatlang::Lang;

use crate::document::Document;

/// Bytes of text the detector reads: enough to be sure, little enough to
/// keep the first frame fast on any document.
pub const SAMPLE_BYTES: usize = 6 * 1024;

/// Letters below which a sample is too short to tell a language by.
const MIN_SAMPLE_LETTERS: usize = 40;

/// One language the reader knows.
struct Known {
    /// ISO 639-1 code.
    code: &'static str,
    /// What the detector calls it.
    detected: Lang,
    /// Its hyphenation patterns, when the crate embeds some that suit
    /// running text.
    patterns: Option<Patterns>,
}

const fn known(code: &'static str, detected: Lang, patterns: Option<Patterns>) -> Known {
    Known {
        code,
        detected,
        patterns,
    }
}

/// Every language the detector names, with the patterns that hyphenate it.
/// Thai has patterns, but its words are not split with a visible hyphen;
/// Chinese patterns are for pinyin, not characters.
const KNOWN: &[Known] = &[
    known("af", Lang::Afr, Some(Patterns::Afrikaans)),
    known("ak", Lang::Aka, None),
    known("am", Lang::Amh, Some(Patterns::Ethiopic)),
    known("ar", Lang::Ara, None),
    known("az", Lang::Aze, None),
    known("be", Lang::Bel, Some(Patterns::Belarusian)),
    known("bg", Lang::Bul, Some(Patterns::Bulgarian)),
    known("bn", Lang::Ben, Some(Patterns::Bengali)),
    known("ca", Lang::Cat, Some(Patterns::Catalan)),
    known("cs", Lang::Ces, Some(Patterns::Czech)),
    known("cy", Lang::Cym, Some(Patterns::Welsh)),
    known("da", Lang::Dan, Some(Patterns::Danish)),
    known("de", Lang::Deu, Some(Patterns::German1996)),
    known("el", Lang::Ell, Some(Patterns::GreekMono)),
    known("en", Lang::Eng, Some(Patterns::EnglishUS)),
    known("eo", Lang::Epo, Some(Patterns::Esperanto)),
    known("es", Lang::Spa, Some(Patterns::Spanish)),
    known("et", Lang::Est, Some(Patterns::Estonian)),
    known("fa", Lang::Pes, None),
    known("fi", Lang::Fin, Some(Patterns::Finnish)),
    known("fr", Lang::Fra, Some(Patterns::French)),
    known("gu", Lang::Guj, Some(Patterns::Gujarati)),
    known("he", Lang::Heb, None),
    known("hi", Lang::Hin, Some(Patterns::Hindi)),
    known("hr", Lang::Hrv, Some(Patterns::Croatian)),
    known("hu", Lang::Hun, Some(Patterns::Hungarian)),
    known("hy", Lang::Hye, Some(Patterns::Armenian)),
    known("id", Lang::Ind, Some(Patterns::Indonesian)),
    known("it", Lang::Ita, Some(Patterns::Italian)),
    known("ja", Lang::Jpn, None),
    known("jv", Lang::Jav, None),
    known("ka", Lang::Kat, Some(Patterns::Georgian)),
    known("km", Lang::Khm, None),
    known("kn", Lang::Kan, Some(Patterns::Kannada)),
    known("ko", Lang::Kor, None),
    known("la", Lang::Lat, Some(Patterns::Latin)),
    known("lt", Lang::Lit, Some(Patterns::Lithuanian)),
    known("lv", Lang::Lav, Some(Patterns::Latvian)),
    known("mk", Lang::Mkd, Some(Patterns::Macedonian)),
    known("ml", Lang::Mal, Some(Patterns::Malayalam)),
    known("mr", Lang::Mar, Some(Patterns::Marathi)),
    known("my", Lang::Mya, None),
    known("nb", Lang::Nob, Some(Patterns::NorwegianBokmal)),
    known("ne", Lang::Nep, None),
    known("nl", Lang::Nld, Some(Patterns::Dutch)),
    known("or", Lang::Ori, Some(Patterns::Oriya)),
    known("pa", Lang::Pan, Some(Patterns::Panjabi)),
    known("pl", Lang::Pol, Some(Patterns::Polish)),
    known("pt", Lang::Por, Some(Patterns::Portuguese)),
    known("ro", Lang::Ron, Some(Patterns::Romanian)),
    known("ru", Lang::Rus, Some(Patterns::Russian)),
    known("si", Lang::Sin, None),
    known("sk", Lang::Slk, Some(Patterns::Slovak)),
    known("sl", Lang::Slv, Some(Patterns::Slovenian)),
    known("sn", Lang::Sna, None),
    known("sr", Lang::Srp, Some(Patterns::SerbianCyrillic)),
    known("sv", Lang::Swe, Some(Patterns::Swedish)),
    known("ta", Lang::Tam, Some(Patterns::Tamil)),
    known("te", Lang::Tel, Some(Patterns::Telugu)),
    known("th", Lang::Tha, None),
    known("tk", Lang::Tuk, Some(Patterns::Turkmen)),
    known("tl", Lang::Tgl, None),
    known("tr", Lang::Tur, Some(Patterns::Turkish)),
    known("uk", Lang::Ukr, Some(Patterns::Ukrainian)),
    known("ur", Lang::Urd, None),
    known("uz", Lang::Uzb, None),
    known("vi", Lang::Vie, None),
    known("yi", Lang::Yid, None),
    known("zh", Lang::Cmn, None),
    known("zu", Lang::Zul, None),
];

/// The number of languages known (see [`Language::index`]).
pub const LANGUAGES: usize = KNOWN.len();

/// A language the reader knows.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Language(usize);

impl Language {
    /// The language with ISO 639-1 code `code` (any case).
    ///
    /// ```
    /// use liseuse::language::Language;
    /// assert_eq!(Language::from_code("FR").map(|l| l.code()), Some("fr"));
    /// assert!(Language::from_code("xx").is_none());
    /// ```
    pub fn from_code(code: &str) -> Option<Language> {
        let code = code.trim().to_ascii_lowercase();
        KNOWN.iter().position(|k| k.code == code).map(Language)
    }

    /// Its ISO 639-1 code.
    pub fn code(self) -> &'static str {
        KNOWN[self.0].code
    }

    /// Its position in the table, below [`LANGUAGES`].
    pub fn index(self) -> usize {
        self.0
    }

    /// Its hyphenation patterns, if the `hyphenation` crate has some.
    pub fn patterns(self) -> Option<Patterns> {
        KNOWN[self.0].patterns
    }

    /// Whether French typography applies.
    pub fn is_french(self) -> bool {
        self.code() == "fr"
    }

    /// Every ISO 639-1 code known, in order.
    pub fn codes() -> impl Iterator<Item = &'static str> {
        KNOWN.iter().map(|k| k.code)
    }

    /// The language of `text`, when the detector is confident of it.
    ///
    /// ```
    /// use liseuse::language::Language;
    /// let fr = "Le chat dort au soleil, et la maison est calme depuis le matin.";
    /// assert_eq!(Language::detect(fr).map(|l| l.code()), Some("fr"));
    /// ```
    pub fn detect(text: &str) -> Option<Language> {
        let letters = text
            .chars()
            .filter(|c| c.is_alphabetic())
            .take(MIN_SAMPLE_LETTERS);
        if letters.count() < MIN_SAMPLE_LETTERS {
            return None;
        }
        // Without its marks (Hebrew points and cantillation, Arabic
        // vowels), text reads as the detector knows the language.
        let bare: String = text
            .chars()
            .filter(|&c| !unicode_normalization::char::is_combining_mark(c))
            .collect();
        let info = whatlang::detect(&bare)?;
        if !info.is_reliable() && info.confidence() < 0.5 {
            return None;
        }
        KNOWN
            .iter()
            .position(|k| k.detected == info.lang())
            .map(Language)
    }

    /// The language of `document`, detected on about [`SAMPLE_BYTES`] of
    /// its text (see [`sample`]), so it costs the same on any size.
    pub fn detect_document(document: &Document) -> Option<Language> {
        // A book or a page that names its language is taken at its word
        // (`fr-CA` is French).
        let named = document.metadata().language.as_deref().and_then(|tag| {
            let primary = tag.split(['-', '_']).next()?;
            Language::from_code(&primary.to_ascii_lowercase())
        });
        named.or_else(|| Language::detect(&sample(document)))
    }
}

/// Places a sample is taken from, as fractions of the text: the middle of
/// a book says more of its language than a header in another one (a
/// Project Gutenberg licence before a French novel).
const SAMPLE_PLACES: [(usize, usize); 3] = [(1, 4), (1, 2), (3, 4)];

/// About [`SAMPLE_BYTES`] of `document`'s text: all of a short text (its
/// paragraphs, which the first screen then finds ready), else the lines
/// a quarter, half and three quarters of the way through (finding the
/// paragraphs there would cost more than detecting).
pub fn sample(document: &Document) -> String {
    let text_len = document.len();
    if text_len > SAMPLE_BYTES {
        let share = SAMPLE_BYTES / SAMPLE_PLACES.len();
        return SAMPLE_PLACES
            .iter()
            .map(|&(numerator, denominator)| {
                let place = document.source_byte(text_len / denominator * numerator);
                document.lines_at(place, share)
            })
            .collect();
    }
    let mut sample = String::new();
    let mut id = document.first();
    while let Some(paragraph) = id {
        sample.push_str(&document.paragraph(paragraph).text);
        sample.push('\n');
        id = document.next(paragraph);
    }
    sample
}

impl fmt::Debug for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Language({})", self.code())
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointed_hebrew_is_hebrew() {
        let jonah = "וַיְהִי דְּבַר־יְהוָה אֶל־יוֹנָה בֶן־אֲמִתַּי לֵאמֹר קוּם לֵךְ \
אֶל־נִינְוֵה הָעִיר הַגְּדוֹלָה וּקְרָא עָלֶיהָ כִּי־עָלְתָה רָעָתָם לְפָנָי";
        assert_eq!(Language::detect(jonah).map(Language::code), Some("he"));
    }

    #[test]
    fn codes_are_unique_and_lower_case() {
        let mut codes: Vec<&str> = Language::codes().collect();
        assert!(codes.iter().all(|c| c.len() == 2 && *c == c.to_lowercase()));
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), LANGUAGES);
    }

    #[test]
    fn every_detected_language_has_a_row() {
        for lang in Lang::all() {
            assert!(
                KNOWN.iter().any(|k| k.detected == *lang),
                "{lang:?} has no code"
            );
        }
    }

    #[test]
    fn english_and_french_are_told_apart() {
        let en = "It was a bright cold day in April, and the clocks were striking thirteen.";
        let fr = "Longtemps, je me suis couché de bonne heure. Parfois, à peine ma bougie éteinte.";
        assert_eq!(Language::detect(en).map(Language::code), Some("en"));
        assert_eq!(Language::detect(fr).map(Language::code), Some("fr"));
    }

    #[test]
    fn too_short_a_sample_is_no_language() {
        assert_eq!(Language::detect("Oui."), None);
        assert_eq!(Language::detect(""), None);
        assert_eq!(Language::detect(&"1234 ".repeat(100)), None);
    }

    #[test]
    fn french_and_english_have_patterns() {
        for code in ["fr", "en", "de"] {
            let language = Language::from_code(code).unwrap();
            assert!(language.patterns().is_some(), "{code}");
        }
        assert!(Language::from_code("ja").unwrap().patterns().is_none());
        assert!(Language::from_code("fr").unwrap().is_french());
    }

    #[test]
    fn a_document_is_sampled_from_its_body_and_bounded() {
        // An English licence before a French text: the text's language.
        let licence = "This eBook is for the use of anyone anywhere at no cost.\n\n".repeat(200);
        let body = "Le chat dort au soleil et la maison reste calme.\n\n".repeat(5_000);
        let doc = Document::from_bytes("x", (licence + &body).as_bytes());
        let taken = sample(&doc);
        assert!(taken.len() <= SAMPLE_BYTES + 3, "{}", taken.len());
        assert!(taken.starts_with("Le chat"), "{taken:.80}");
        assert_eq!(
            Language::detect_document(&doc).map(Language::code),
            Some("fr")
        );
        // A short text is taken whole.
        let short = Document::from_bytes(
            "y",
            "The cat sleeps in the sun, and the house is calm.".as_bytes(),
        );
        assert_eq!(
            sample(&short),
            "The cat sleeps in the sun, and the house is calm.\n"
        );
    }
}
