# forms/: the form definitions, their schema, the form model that parses
# and checks them (libqmform, over common/ only), and the loader
# qualimetre-form. What the web does with a form is cgi/questionnaire/.
noinst_LIBRARIES += forms/libqmform.a
forms_libqmform_a_SOURCES = forms/form.c forms/form.h
forms_libqmform_a_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I)
forms_libqmform_a_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS) $(SODIUM_CFLAGS)

bin_PROGRAMS += forms/qualimetre-form
forms_qualimetre_form_SOURCES = forms/qualimetre-form.c
forms_qualimetre_form_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I)
forms_qualimetre_form_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS) $(XML_CFLAGS)
forms_qualimetre_form_LDADD = forms/libqmform.a common/libqmcommon.a \
	$(PQ_LIBS) $(XML_LIBS) $(SODIUM_LIBS)

# Installed in $(pkgdatadir)/forms, where qualimetre setup loads them from.
formsdir = $(pkgdatadir)/forms
dist_forms_DATA = forms/form.rng forms/satisfaction.xml \
	forms/mystery-call.xml forms/mystery-email.xml \
	forms/mystery-call-2.xml forms/mystery-email-2.xml \
	forms/mystery-call-3.xml forms/mystery-email-3.xml \
	forms/autodiagnostic-qualepref.xml

# Unit tests of the loader, and the definitions they feed it.
check_PROGRAMS += tests/test-form-load-valid tests/test-form-load-invalid \
	tests/test-form-rule-apply tests/test-form-load-lang \
	tests/test-form-load-selfassess
TESTS += tests/test-form-load-valid tests/test-form-load-invalid \
	tests/test-form-rule-apply tests/test-form-load-lang \
	tests/test-form-load-selfassess
FORM_TEST_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I) $(FORMS_I) $(TAP_I)
FORM_TEST_LDADD = tests/libtap.a forms/libqmform.a common/libqmcommon.a \
	$(XML_LIBS) $(SODIUM_LIBS)
tests_test_form_load_valid_SOURCES = tests/test-form-load-valid.c
tests_test_form_load_valid_CPPFLAGS = $(FORM_TEST_CPPFLAGS)
tests_test_form_load_valid_CFLAGS = $(AM_CFLAGS) $(SODIUM_CFLAGS)
tests_test_form_load_valid_LDADD = $(FORM_TEST_LDADD)
tests_test_form_load_invalid_SOURCES = tests/test-form-load-invalid.c
tests_test_form_load_invalid_CPPFLAGS = $(FORM_TEST_CPPFLAGS)
tests_test_form_load_invalid_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS)
tests_test_form_load_invalid_LDADD = $(FORM_TEST_LDADD)
tests_test_form_rule_apply_SOURCES = tests/test-form-rule-apply.c
tests_test_form_rule_apply_CPPFLAGS = $(FORM_TEST_CPPFLAGS)
tests_test_form_rule_apply_LDADD = $(FORM_TEST_LDADD)
tests_test_form_load_lang_SOURCES = tests/test-form-load-lang.c
tests_test_form_load_lang_CPPFLAGS = $(FORM_TEST_CPPFLAGS)
tests_test_form_load_lang_LDADD = $(FORM_TEST_LDADD)
tests_test_form_load_selfassess_SOURCES = tests/test-form-load-selfassess.c
tests_test_form_load_selfassess_CPPFLAGS = $(FORM_TEST_CPPFLAGS)
tests_test_form_load_selfassess_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS)
tests_test_form_load_selfassess_LDADD = $(FORM_TEST_LDADD)
EXTRA_DIST += \
	tests/data/forms/lang-arabic.xml \
	tests/data/forms/selfassess-criterion.xml \
	tests/data/forms/selfassess-level-elsewhere.xml \
	tests/data/forms/selfassess-level-unknown.xml \
	tests/data/forms/selfassess-no-level.xml \
	tests/data/forms/selfassess-not-scale.xml \
	tests/data/forms/after-later.xml \
	tests/data/forms/after-message-alone.xml \
	tests/data/forms/after-on-integer.xml \
	tests/data/forms/after-other-kind.xml \
	tests/data/forms/after-self.xml \
	tests/data/forms/after-unknown.xml \
	tests/data/forms/choice-no-options.xml \
	tests/data/forms/criterion-no-satisfied.xml \
	tests/data/forms/criterion-on-text.xml \
	tests/data/forms/delay-as-type.xml \
	tests/data/forms/delay-duplicate-key.xml \
	tests/data/forms/delay-later.xml \
	tests/data/forms/delay-no-threshold.xml \
	tests/data/forms/delay-not-dated.xml \
	tests/data/forms/delay-same-ends.xml \
	tests/data/forms/delay-unit.xml \
	tests/data/forms/delay-unknown.xml \
	tests/data/forms/doctype-entity.xml \
	tests/data/forms/doctype-external-dtd.xml \
	tests/data/forms/duplicate-key.xml \
	tests/data/forms/duplicate-option.xml \
	tests/data/forms/empty-label.xml \
	tests/data/forms/integer-no-bounds.xml \
	tests/data/forms/maxlength-on-scale.xml \
	tests/data/forms/maxlength-too-big.xml \
	tests/data/forms/min-greater-max.xml \
	tests/data/forms/missing-key.xml \
	tests/data/forms/not-utf8.xml \
	tests/data/forms/not-well-formed.xml \
	tests/data/forms/option-satisfied-no-opinion.xml \
	tests/data/forms/options-on-scale.xml \
	tests/data/forms/scale-missing.xml \
	tests/data/forms/scale-no-satisfied.xml \
	tests/data/forms/rule-not-criterion.xml \
	tests/data/forms/rule-unknown.xml \
	tests/data/forms/rule-wrong-kind.xml \
	tests/data/forms/scale-on-choice.xml \
	tests/data/forms/answers-on-choice.xml \
	tests/data/forms/target-not-criterion.xml \
	tests/data/forms/text-no-maxlength.xml \
	tests/data/forms/threshold-min-greater-max.xml \
	tests/data/forms/threshold-missing.xml \
	tests/data/forms/threshold-not-criterion.xml \
	tests/data/forms/threshold-on-yesno.xml \
	tests/data/forms/threshold-out-of-bounds.xml \
	tests/data/forms/undefined-entity.xml \
	tests/data/forms/unknown-scale.xml \
	tests/data/forms/unknown-type.xml \
	tests/data/forms/valid-grid.xml \
	tests/data/forms/valid-minimal.xml \
	tests/data/forms/when-later.xml \
	tests/data/forms/when-unknown-question.xml \
	tests/data/forms/when-unknown-value.xml \
	tests/data/forms/wrong-namespace.xml
dist_man1_MANS += forms/qualimetre-form.1
