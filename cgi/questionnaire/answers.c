/* A checked submission as the three arrays one INSERT unnests. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "db.h"
#include "form.h"
#include "http.h"
#include "valid.h"
#include "xmalloc.h"

void
answers_make(struct answer_rows *rows, const struct answerset *s,
    const char *const *extra_keys, const char *const *extra_values,
    size_t n_extra)
{
	const struct form_question	*q;
	const struct qanswer		*a;
	const char			**qs, **vs, **ts;
	char				**nums;
	size_t				 k, i, n = 0, total = n_extra + 1;
	long long			 v;

	memset(rows, 0, sizeof(*rows));
	for (k = 0; k < s->nq; k++)
		total += s->q[k].nsent;
	qs = xcalloc(total, sizeof(*qs));
	vs = xcalloc(total, sizeof(*vs));
	ts = xcalloc(total, sizeof(*ts));
	nums = xcalloc(total, sizeof(*nums));
	for (k = 0; k < s->nq; k++) {
		a = &s->q[k];
		if (!a->asked || !a->answered)
			continue;
		q = form_question(s->form, k);
		for (i = 0; i < a->nsent; i++) {
			qs[n] = q->key;
			switch (q->kind) {
			case QKIND_TEXT:
				ts[n] = a->sent[i]->val;
				break;
			case QKIND_INTEGER:
			case QKIND_DURATION:
				/* Stored in canonical form: "007 " is 7. */
				valid_integer(a->sent[i]->val, &v);
				xasprintf(&nums[n], "%lld", v);
				vs[n] = nums[n];
				break;
			default:
				vs[n] = a->sent[i]->val;
				break;
			}
			n++;
		}
	}
	for (i = 0; i < n_extra; i++, n++) {
		qs[n] = extra_keys[i];
		vs[n] = extra_values[i];
	}
	db_array(&rows->questions, qs, n);
	db_array(&rows->values, vs, n);
	db_array(&rows->texts, ts, n);
	rows->n = n;
	for (i = 0; i < total; i++)
		free(nums[i]);
	free(nums);
	free(qs);
	free(vs);
	free(ts);
}

void
answers_free(struct answer_rows *rows)
{
	buf_free(&rows->questions);
	buf_free(&rows->values);
	buf_free(&rows->texts);
	rows->n = 0;
}
