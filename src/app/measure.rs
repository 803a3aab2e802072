//! The measure: the column's width, changed with `+`, `-` and `=`, within
//! [`super::MIN_MEASURE`] and [`super::MAX_MEASURE`].

use super::{App, MAX_MEASURE, MEASURE_STEP, MIN_MEASURE};

impl App {
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
