//! Breaking text into lines that fit a width: at spaces where possible, and inside words
//! (hashes, JSON, long addresses) when a word alone is wider than the line.

use super::fonts::Face;

/// `text` as lines no wider than `width` when set in `face` at `size`. Line breaks in the
/// text are kept; an empty text is one empty line.
pub fn wrap(text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if face.width(size, &candidate) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if face.width(size, word) <= width {
                line = word.to_owned();
                continue;
            }
            for c in word.chars() {
                let mut longer = line.clone();
                longer.push(c);
                if face.width(size, &longer) > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                } else {
                    line = longer;
                }
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_spaces_and_never_exceed_the_width() {
        let text =
            "Twilio found the proof of address unreadable; upload a clearer scan of the lease";
        let lines = wrap(text, Face::Regular, 10.0, 120.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(lines.iter().all(|l| Face::Regular.width(10.0, l) <= 120.0));
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_inside() {
        let hash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        let lines = wrap(hash, Face::Mono, 8.0, 100.0);
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(lines.iter().all(|l| Face::Mono.width(8.0, l) <= 100.0));
        assert_eq!(lines.concat(), hash);
        assert_eq!(wrap("", Face::Regular, 8.0, 100.0), [""]);
        assert_eq!(wrap("a\nb", Face::Regular, 8.0, 100.0), ["a", "b"]);
    }
}
