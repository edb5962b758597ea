//! A broken source or template gives structured diagnostics (message, line, column), never a
//! panic; the closed world refuses files, packages and the clock.

use fitted_core::resume::JsonResume;
use fitted_typeset::{DiagnosticSeverity, LayoutOptions, RenderError, Today, Typesetter};

fn compile_error(source: &str) -> Vec<fitted_typeset::Diagnostic> {
    match Typesetter::new().compile(source.to_string()) {
        Err(RenderError::Compile { diagnostics }) => diagnostics,
        Err(other) => panic!("expected a compile error for {source:?}, got {other}"),
        Ok(_) => panic!("expected a compile error for {source:?}"),
    }
}

#[test]
fn syntax_error_points_at_its_line_and_column() {
    let diagnostics = compile_error("= Title\n\nSome text.\n#let broken = (1, 2\nMore.\n");
    let error = diagnostics
        .iter()
        .find(|d| d.severity == DiagnosticSeverity::Error)
        .expect("an error");
    let span = error.span.as_ref().expect("the error has a position");
    assert_eq!(span.start.line, 4, "{error:?}");
    assert!(span.start.column >= 1);
    assert!(span.line_text.contains("#let broken"), "{span:?}");
    assert!(!error.message.is_empty());
}

#[test]
fn runtime_errors_are_diagnostics() {
    for source in [
        "#panic(\"boom\")",
        "#let f(x) = f(x)\n#f(1)",
        "#(1 / 0)",
        "#text(font: 12)[x]",
        "#\"unterminated",
        "#assert(false, message: \"template bug\")",
    ] {
        let diagnostics = compile_error(source);
        assert!(
            diagnostics
                .iter()
                .any(|d| d.severity == DiagnosticSeverity::Error),
            "{source}: {diagnostics:?}"
        );
    }
}

#[test]
fn files_packages_and_images_are_not_available() {
    for source in [
        "#import \"other.typ\": *",
        "#include \"chapter.typ\"",
        "#import \"@preview/example:0.1.0\": *",
        "#image(\"photo.png\")",
        "#read(\"/etc/passwd\")",
    ] {
        let diagnostics = compile_error(source);
        assert!(!diagnostics.is_empty(), "{source}");
    }
    let diagnostics = compile_error("#import \"other.typ\": *");
    assert!(
        diagnostics
            .iter()
            .any(|d| d.message.contains("self-contained")),
        "explains why: {diagnostics:?}"
    );
}

#[test]
fn the_date_is_what_the_caller_passed() {
    let source = "#datetime.today().display(\"[year]-[month]-[day]\")".to_string();
    let mut typesetter = Typesetter::new();
    assert!(
        typesetter.compile(source.clone()).is_err(),
        "no clock without a date"
    );
    typesetter.set_today(Some(Today {
        year: 2024,
        month: 2,
        day: 29,
    }));
    let rendered = typesetter.compile(source).expect("compiles with a date");
    assert_eq!(rendered.page_count, 1);
}

#[test]
fn error_messages_say_what_to_do() {
    let err = Typesetter::new().compile("#let x = (".into()).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("line 1"), "{message}");
    assert!(message.contains("fix that line"), "{message}");
    let err = Typesetter::new()
        .render(&JsonResume::default(), "nope", &LayoutOptions::default())
        .unwrap_err();
    assert!(matches!(err, RenderError::Source(_)));
    assert!(
        err.to_string()
            .contains("Choose one of: Classic, Modern, Compact"),
        "{err}"
    );
    assert!(err.diagnostics().is_empty());
}

#[test]
fn typesetter_survives_errors() {
    let typesetter = Typesetter::new();
    for _ in 0..3 {
        assert!(typesetter.compile("#(".into()).is_err());
        let ok = typesetter
            .compile("Hello".into())
            .expect("a good source still compiles");
        assert_eq!(ok.page_count, 1);
    }
}
