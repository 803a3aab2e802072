//! The measure and the typesetting: the column's width, changed with
//! `+`, `-` and `=` within [`super::MIN_MEASURE`] and
//! [`super::MAX_MEASURE`]; hyphenation and justification, switched with
//! their keys.

use super::{App, MAX_MEASURE, MEASURE_STEP, MIN_MEASURE};
use crate::column::Column;
use crate::layout::Typesetting;

impl App {
    /// The typesetting lines are broken with.
    pub fn typesetting(&self) -> Typesetting {
        *self.layout.setting()
    }

    /// Changes the typesetting (language, hyphenation, indent); the view
    /// keeps its words at the top.
    pub fn set_typesetting(&mut self, setting: Typesetting) {
        self.layout.set_setting(setting);
    }

    /// Whether lines are fully justified.
    pub fn justify(&self) -> bool {
        self.justify
    }

    /// Switches full justification (it changes no line break).
    pub fn set_justify(&mut self, justify: bool) {
        self.justify = justify;
    }

    /// The measure: the width asked for the text column (0: the whole
    /// window).
    pub fn measure(&self) -> u16 {
        self.measure
    }

    /// Sets the measure, as a remembered preference does at start; it
    /// does not count as a change by the user.
    pub fn set_measure(&mut self, measure: u16) {
        self.measure = measure;
        self.fit_layout();
    }

    /// Gives the layout the column's width, and preformatted blocks the
    /// window's.
    pub(super) fn fit_layout(&mut self) {
        let column = self.column();
        self.layout.set_width(column.width.into());
        self.layout.set_wide(column.wide(self.window.0).into());
    }

    /// The measure the user chose with `+`, `-` or `=`, once after each
    /// change (for the caller to remember it as a preference).
    pub fn take_measure_change(&mut self) -> Option<u16> {
        std::mem::take(&mut self.measure_changed).then_some(self.measure)
    }

    /// The text column in the current window.
    pub fn column(&self) -> Column {
        Column::new(self.window.0, self.window.1, self.measure)
    }

    /// Switches hyphenation, saying whether it can hyphenate.
    pub(super) fn toggle_hyphenation(&mut self) {
        let mut setting = self.typesetting();
        setting.hyphenate = !setting.hyphenate;
        self.set_typesetting(setting);
        let state = if setting.hyphenate { "on" } else { "off" };
        self.message = Some(match setting.language {
            Some(l) if l.patterns().is_none() && setting.hyphenate => {
                format!("hyphenation on (no patterns for {l})")
            }
            None if setting.hyphenate => "hyphenation on (language unknown)".to_owned(),
            _ => format!("hyphenation {state}"),
        });
    }

    /// Switches full justification, saying so.
    pub(super) fn toggle_justify(&mut self) {
        self.justify = !self.justify;
        let state = if self.justify { "on" } else { "off" };
        self.message = Some(format!("justification {state}"));
    }

    /// Widens or narrows the measure by `times` steps.
    pub(super) fn step_measure(&mut self, times: usize, wider: bool) {
        let column = self.column().width;
        if self.measure == 0 && wider {
            self.message = Some("measure: the whole window already".to_owned());
            return;
        }
        let current = if self.measure == 0 {
            column
        } else {
            self.measure.min(column)
        };
        let step = u16::try_from(times.saturating_mul(MEASURE_STEP.into())).unwrap_or(u16::MAX);
        let measure = if wider {
            current.saturating_add(step)
        } else {
            current.saturating_sub(step)
        };
        self.change_measure(measure.clamp(MIN_MEASURE, MAX_MEASURE));
    }

    /// Sets the measure at the user's request, saying what it is now.
    pub(super) fn change_measure(&mut self, measure: u16) {
        self.measure_changed = self.measure_changed || measure != self.measure;
        self.set_measure(measure);
        let width = self.column().width;
        self.message = Some(if measure == 0 {
            "measure: the whole window".to_owned()
        } else if width < measure {
            format!("measure {measure} (the window allows {width})")
        } else {
            format!("measure {measure}")
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::action::Action;
    use crate::app::tests::press;
    use crate::app::{App, MEASURE_STEP, MIN_MEASURE};
    use crate::document::Document;

    #[test]
    fn measure_keys_change_the_column_and_report_the_choice() {
        let mut app = App::new(Document::bundled(), 70, 100, 30);
        assert_eq!(app.take_measure_change(), None);
        press(&mut app, &[Action::NarrowMeasure]);
        assert_eq!(app.measure(), 70 - MEASURE_STEP);
        assert_eq!(app.column().width, 70 - MEASURE_STEP);
        assert_eq!(app.layout().width(), usize::from(70 - MEASURE_STEP));
        assert_eq!(app.take_measure_change(), Some(70 - MEASURE_STEP));
        assert_eq!(app.take_measure_change(), None, "once per change");
        press(&mut app, &[Action::Digit(3), Action::WidenMeasure]);
        assert_eq!(app.measure(), 70 + 2 * MEASURE_STEP);
        press(&mut app, &[Action::DefaultMeasure]);
        assert_eq!(app.measure(), 70);
        for _ in 0..100 {
            press(&mut app, &[Action::NarrowMeasure]);
        }
        assert_eq!(app.measure(), MIN_MEASURE);
        assert_eq!(app.take_measure_change(), Some(MIN_MEASURE));
        // A remembered preference is no change by the user.
        app.set_measure(50);
        assert_eq!(app.column().width, 50);
        assert_eq!(app.take_measure_change(), None);
    }

    #[test]
    fn toggles_change_hyphenation_and_justification() {
        let mut app = App::new(Document::bundled(), 40, 60, 20);
        assert!(app.typesetting().hyphenate && !app.justify());
        assert_eq!(app.typesetting().language.map(|l| l.code()), Some("fr"));
        let hyphens = |app: &App| {
            app.layout()
                .lines(app.document(), 0)
                .iter()
                .any(|l| l.hyphen)
        };
        assert!(hyphens(&app));
        press(&mut app, &[Action::ToggleHyphenation]);
        assert!(!app.typesetting().hyphenate);
        assert!(!hyphens(&app), "the cache forgot the hyphenated lines");
        assert_eq!(app.message(), Some("hyphenation off"));
        press(&mut app, &[Action::ToggleJustify]);
        assert!(app.justify());
    }
}
