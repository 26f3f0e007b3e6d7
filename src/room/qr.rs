//! The room's address as a QR code drawn in text, for the board.

use qrcode::{Color, EcLevel, QrCode};

/// Light modules around the code. The standard asks for four; two read
/// well on a screen and keep the code small on a crowded board.
const QUIET: usize = 2;

/// The QR code of `url`, as lines of Unicode half blocks (two rows of
/// modules per line), with its quiet zone; dark modules are drawn dark on
/// a light terminal background and the other way round when `inverted`.
/// The smallest version that holds `url` at medium error correction;
/// no lines if even the largest cannot.
pub fn lines(url: &str, inverted: bool) -> Vec<String> {
    let Ok(code) = QrCode::with_error_correction_level(url, EcLevel::M) else {
        return Vec::new();
    };
    let width = code.width();
    let colors = code.to_colors();
    let side = width + 2 * QUIET;
    // Whether the module at (x, y) of the padded square is drawn with the
    // terminal's foreground colour.
    let inked = |x: usize, y: usize| {
        let dark = x >= QUIET
            && y >= QUIET
            && x < QUIET + width
            && y < QUIET + width
            && colors[(y - QUIET) * width + (x - QUIET)] == Color::Dark;
        dark != inverted
    };
    (0..side.div_ceil(2))
        .map(|line| {
            let (top, bottom) = (2 * line, 2 * line + 1);
            (0..side)
                .map(|x| {
                    let low = bottom < side && inked(x, bottom);
                    match (inked(x, top), low) {
                        (true, true) => '█',
                        (true, false) => '▀',
                        (false, true) => '▄',
                        (false, false) => ' ',
                    }
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::render::unicode::Dense1x2;

    const URL: &str = "http://192.168.1.23:8123/r/0123456789abcdef0123456789abcdef";

    fn width(line: &str) -> usize {
        line.chars().count()
    }

    #[test]
    fn the_lines_are_a_rectangle_with_a_quiet_border() {
        for inverted in [false, true] {
            let lines = lines(URL, inverted);
            assert!(!lines.is_empty());
            let w = width(&lines[0]);
            assert!(lines.iter().all(|l| width(l) == w));
            assert_eq!(lines.len(), w.div_ceil(2));
            let quiet = if inverted { '█' } else { ' ' };
            assert!(lines[0].chars().all(|c| c == quiet));
            // The last line's lower half lies below the square.
            let n = lines.len() - 1;
            assert!(lines[..n].iter().all(|l| l.starts_with([quiet; QUIET])));
        }
    }

    #[test]
    fn the_code_is_what_qrcode_itself_draws() {
        let code = QrCode::with_error_correction_level(URL, EcLevel::M).expect("fits");
        let theirs = code.render::<Dense1x2>().quiet_zone(false).build();
        let ours = lines(URL, false);
        let inner: Vec<String> = ours[QUIET / 2..]
            .iter()
            .take(code.width().div_ceil(2))
            .map(|l| l.chars().skip(QUIET).take(code.width()).collect())
            .collect();
        assert_eq!(inner.join("\n"), theirs);
    }

    #[test]
    fn inverted_swaps_every_module() {
        let flip = |c| match c {
            '█' => ' ',
            ' ' => '█',
            '▀' => '▄',
            _ => '▀',
        };
        let plain = lines(URL, false);
        let inverted = lines(URL, true);
        // The last line's lower half lies outside the square in both.
        let n = plain.len() - 1;
        for (a, b) in plain[..n].iter().zip(&inverted[..n]) {
            assert_eq!(a.chars().map(flip).collect::<String>(), *b);
        }
    }
}
