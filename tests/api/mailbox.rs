//! A real mailbox for tests: an SMTP server on 127.0.0.1:0 that the app is configured with
//! (`RECOMPLY_SMTP_URL`), so every email travels the product's own path (job → Mailer → SMTP)
//! and tests read what a customer would receive, links included. The outbox table holds the
//! same emails with their links redacted.

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// One received email, decoded.
#[derive(Debug, Clone)]
pub struct Mail {
    /// Envelope recipients.
    pub to: Vec<String>,
    /// The `From` header's display name ("" when none).
    pub from_name: String,
    /// The `From` header's address.
    pub from_address: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text part.
    pub text: String,
    /// HTML part.
    pub html: String,
}

impl Mail {
    /// The first sign-in or renewal link in the text (`…/login/{token}`).
    pub fn link(&self) -> Option<String> {
        self.text
            .split_whitespace()
            .find(|word| word.contains("/login/"))
            .map(str::to_owned)
    }
}

/// The test's mailbox.
#[derive(Clone, Default)]
pub struct Mailbox {
    sink: SmtpSink,
}

impl Mailbox {
    /// Starts it; returns it and the `smtp://` URL to configure the app with.
    pub async fn start() -> (Self, String) {
        let (sink, url) = SmtpSink::start(&[]).await;
        (Self { sink }, url)
    }

    /// Every email received so far, oldest first.
    pub fn all(&self) -> Vec<Mail> {
        self.sink
            .messages()
            .into_iter()
            .map(|(to, raw)| {
                let parsed = mail_parser::MessageParser::default()
                    .parse(raw.as_bytes())
                    .expect("a well-formed email");
                let from = parsed.from().and_then(|from| from.first());
                Mail {
                    to,
                    from_name: from.and_then(|a| a.name()).unwrap_or_default().to_owned(),
                    from_address: from
                        .and_then(|a| a.address())
                        .unwrap_or_default()
                        .to_owned(),
                    subject: parsed.subject().unwrap_or_default().to_owned(),
                    text: parsed.body_text(0).unwrap_or_default().into_owned(),
                    html: parsed.body_html(0).unwrap_or_default().into_owned(),
                }
            })
            .collect()
    }

    /// The emails received by `address`, oldest first.
    pub fn to(&self, address: &str) -> Vec<Mail> {
        self.all()
            .into_iter()
            .filter(|mail| mail.to.iter().any(|to| to == address))
            .collect()
    }

    /// The links received by `address`, oldest first.
    pub fn links_to(&self, address: &str) -> Vec<String> {
        self.to(address).iter().filter_map(Mail::link).collect()
    }
}

/// An SMTP server that accepts any number of connections and messages, refusing the first
/// `RCPT TO` for each address in `refuse_once` with a transient 450.
#[derive(Clone, Default)]
pub struct SmtpSink {
    state: std::sync::Arc<std::sync::Mutex<SinkState>>,
}

#[derive(Default)]
struct SinkState {
    refuse_once: Vec<String>,
    delivered: Vec<(Vec<String>, String)>,
}

impl SmtpSink {
    /// Starts the sink; returns it and its `smtp://` URL.
    pub async fn start(refuse_once: &[&str]) -> (Self, String) {
        let sink = Self::default();
        sink.state.lock().unwrap().refuse_once =
            refuse_once.iter().map(|s| s.to_string()).collect();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("smtp://{}", listener.local_addr().unwrap());
        let accepting = sink.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(accepting.clone().serve(stream));
            }
        });
        (sink, url)
    }

    /// Recipients of every accepted message, one entry per recipient.
    pub fn delivered_to(&self) -> Vec<String> {
        let state = self.state.lock().unwrap();
        state
            .delivered
            .iter()
            .flat_map(|(to, _)| to.clone())
            .collect()
    }

    /// Every accepted message: its recipients and its raw text.
    pub fn messages(&self) -> Vec<(Vec<String>, String)> {
        self.state.lock().unwrap().delivered.clone()
    }

    async fn serve(self, stream: tokio::net::TcpStream) {
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read).lines();
        let _ = write.write_all(b"220 sink ESMTP\r\n").await;
        let (mut recipients, mut data, mut in_data) = (Vec::new(), String::new(), false);
        while let Ok(Some(line)) = lines.next_line().await {
            if in_data {
                if line == "." {
                    in_data = false;
                    let message = (std::mem::take(&mut recipients), std::mem::take(&mut data));
                    self.state.lock().unwrap().delivered.push(message);
                    let _ = write.write_all(b"250 queued\r\n").await;
                } else {
                    // SMTP doubles a leading dot (RFC 5321 4.5.2).
                    data.push_str(
                        line.strip_prefix('.')
                            .filter(|_| line.starts_with(".."))
                            .unwrap_or(&line),
                    );
                    data.push_str("\r\n");
                }
                continue;
            }
            let upper = line.to_ascii_uppercase();
            let reply: &[u8] = if upper.starts_with("RCPT TO:") {
                let address = line[8..].trim().trim_matches(['<', '>']).to_owned();
                let mut state = self.state.lock().unwrap();
                match state.refuse_once.iter().position(|a| *a == address) {
                    Some(i) => {
                        state.refuse_once.remove(i);
                        b"450 mailbox busy, try again later\r\n"
                    }
                    None => {
                        recipients.push(address);
                        b"250 ok\r\n"
                    }
                }
            } else if upper.starts_with("MAIL") || upper.starts_with("RSET") {
                recipients.clear();
                b"250 ok\r\n"
            } else if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                b"250 sink\r\n"
            } else if upper.starts_with("DATA") {
                in_data = true;
                b"354 go ahead\r\n"
            } else if upper.starts_with("QUIT") {
                let _ = write.write_all(b"221 bye\r\n").await;
                return;
            } else {
                b"250 ok\r\n"
            };
            if write.write_all(reply).await.is_err() {
                return;
            }
        }
    }
}
