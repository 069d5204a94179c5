/*
 * A response sent in pieces (http_resp_flush, the raw export's path):
 * without a flush hook the body grows whole, as tests compare it; with
 * one, the head goes first and once, without Content-Length, each piece
 * after it, and the body is emptied; a failing hook says so; a
 * response reset for the next request keeps its hook and forgets the
 * stream; http_resp_trim frees a large body only.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "http.h"
#include "tap.h"

/* What the hook sent: heads and bodies, as the loop would. */
struct sink {
	struct buf	 out;
	int		 heads;
	int		 fail;
};

static int
sink_flush(void *arg, struct resp *p)
{
	struct sink	*s = arg;

	if (s->fail)
		return -1;
	if (!p->streamed) {
		p->streamed = 1;
		http_resp_head(p, &s->out);
		s->heads++;
	}
	buf_put(&s->out, p->body.data, p->body.len);
	buf_reset(&p->body);
	return 0;
}

int
main(void)
{
	struct resp	 p;
	struct sink	 s;
	struct buf	 head = { NULL, 0, 0 };
	const char	*sep;
	size_t		 cap;

	tap_plan(17);
	memset(&p, 0, sizeof(p));
	memset(&s, 0, sizeof(s));

	/* No hook: nothing is sent, the body stays whole. */
	http_resp_reset(&p);
	buf_puts(&p.body, "a,b\r\n");
	tap_ok(http_resp_flush(&p) == 0, "without a hook, flush succeeds");
	tap_ok(p.body.len == 5 && !p.streamed, "and the body is kept whole");
	http_resp_head(&p, &head);
	tap_ok(strstr(head.data, "Content-Length: 5\r\n") != NULL,
	    "a whole body has its Content-Length");

	/* A hook: head once, then each piece. */
	http_resp_reset(&p);
	p.flush = sink_flush;
	p.flush_arg = &s;
	p.content_type = "text/csv; charset=utf-8";
	p.attachment = "reponses.csv";
	buf_puts(&p.body, "id,q\r\n1,x\r\n");
	tap_ok(http_resp_flush(&p) == 0, "the first flush succeeds");
	tap_ok(p.streamed && p.body.len == 0,
	    "the response is streamed and its body emptied");
	buf_puts(&p.body, "2,y\r\n");
	tap_ok(http_resp_flush(&p) == 0, "the second flush succeeds");
	tap_ok(s.heads == 1, "the head was sent once");
	sep = s.out.data != NULL ? strstr(s.out.data, "\r\n\r\n") : NULL;
	tap_ok(sep != NULL && strcmp(sep + 4, "id,q\r\n1,x\r\n2,y\r\n") == 0,
	    "the pieces follow the head, in order");
	tap_ok(strstr(s.out.data, "Content-Length") == NULL,
	    "a streamed head has no Content-Length");
	tap_ok(strstr(s.out.data, "Content-Disposition: attachment; "
	    "filename=\"reponses.csv\"\r\n") != NULL &&
	    strncmp(s.out.data, "Status: 200 OK\r\n", 16) == 0,
	    "and the status and headers that were set");

	/* The client went away. */
	s.fail = 1;
	buf_puts(&p.body, "3,z\r\n");
	tap_ok(http_resp_flush(&p) == -1, "a failing hook makes flush fail");

	/* The next request: the hook stays, the stream is forgotten. */
	p.broken = 1;
	http_resp_reset(&p);
	tap_ok(p.flush == sink_flush && p.flush_arg == &s,
	    "a reset keeps the hook");
	tap_ok(!p.streamed && !p.broken && p.body.len == 0,
	    "and forgets the stream, its failure and its body");

	/* Large bodies are given back, small ones kept. */
	buf_puts(&p.body, "small");
	cap = p.body.cap;
	http_resp_trim(&p);
	tap_ok(p.body.cap == cap && cap > 0, "a small body's memory is kept");
	while (p.body.len <= HTTP_RESP_KEEP)
		buf_puts(&p.body, "0123456789abcdef0123456789abcdef");
	tap_ok(p.body.cap > HTTP_RESP_KEEP, "a body above HTTP_RESP_KEEP");
	http_resp_trim(&p);
	tap_ok(p.body.cap == 0 && p.body.data == NULL,
	    "has its memory freed");
	buf_puts(&p.body, "again");
	tap_ok(p.body.len == 5, "and the body is usable again");

	http_resp_free(&p);
	buf_free(&head);
	buf_free(&s.out);
	return tap_done();
}
