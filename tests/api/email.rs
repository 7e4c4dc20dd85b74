//! Outgoing email: the dev outbox, and real SMTP delivery to a sink.

use recomply::email::{Email, Mailer};
use recomply::secret::SecretString;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::harness::TestDatabase;

fn sample() -> Email {
    Email {
        tenant_id: None,
        renewal_id: None,
        kind: "staff_alert",
        to: "support@example.com".into(),
        subject: "Renewal needs attention".into(),
        text: "Open https://app.example/admin".into(),
        html: "<p>Open <a href=\"https://app.example/admin\">the admin</a></p>".into(),
        secrets: Vec::new(),
    }
}

/// A minimal SMTP server that accepts one message and hands back its DATA.
async fn smtp_sink() -> (String, tokio::sync::oneshot::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("smtp://{}", listener.local_addr().unwrap());
    let (done, received) = tokio::sync::oneshot::channel();
    let mut done = Some(done);
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read).lines();
        write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
        let mut data = String::new();
        let mut in_data = false;
        while let Some(line) = lines.next_line().await.unwrap() {
            if in_data {
                if line == "." {
                    in_data = false;
                    write.write_all(b"250 queued\r\n").await.unwrap();
                    // A pooled client keeps the connection open: hand the message over now.
                    if let Some(done) = done.take() {
                        let _ = done.send(std::mem::take(&mut data));
                    }
                } else {
                    data.push_str(&line);
                    data.push('\n');
                }
                continue;
            }
            let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
            let reply: &[u8] = match verb.as_str() {
                "EHLO" | "HELO" => b"250 sink\r\n",
                "DATA" => {
                    in_data = true;
                    b"354 go ahead\r\n"
                }
                "QUIT" => {
                    write.write_all(b"221 bye\r\n").await.unwrap();
                    break;
                }
                _ => b"250 ok\r\n",
            };
            write.write_all(reply).await.unwrap();
        }
    });
    (url, received)
}

#[tokio::test]
async fn without_smtp_an_email_is_kept_in_the_dev_outbox() {
    let db = TestDatabase::create().await;
    let mailer = Mailer::new(None, "recomply <no-reply@example.com>").unwrap();

    mailer.send(&db.pool, &sample()).await.unwrap();

    let (status, subject): (String, String) =
        sqlx::query_as("select status, subject from email_outbox")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(status, "outbox");
    assert_eq!(subject, "Renewal needs attention");
}

#[tokio::test]
async fn with_smtp_an_email_is_delivered_and_marked_sent() {
    let db = TestDatabase::create().await;
    let (url, sink) = smtp_sink().await;
    let mailer = Mailer::new(
        Some(&SecretString::from(url)),
        "recomply <no-reply@example.com>",
    )
    .unwrap();

    mailer.send(&db.pool, &sample()).await.unwrap();

    let data = sink.await.unwrap();
    assert!(data.contains("Subject: Renewal needs attention"));
    assert!(data.contains("https://app.example/admin"));
    let status: String = sqlx::query_scalar("select status from email_outbox")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(status, "sent");
}
