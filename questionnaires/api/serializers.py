"""Serializers of the questionnaire API: rounds, questions, published responses, aggregates.

Aggregates keep the figures computed here from published answers (``computed``) apart from
those the source document reports (``reported_in_source``).
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from questionnaires.models import Answer, Question, ReportedFigure, Response, Round
from states.api.serializers import StateBriefSerializer, web_url

COMPUTED_BASIS = "published answers held on the platform"


class OptionSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()


class QuestionSerializer(serializers.ModelSerializer):
    round = serializers.IntegerField(source="round.year", help_text="The round's year.")
    options = serializers.SerializerMethodField(
        help_text="Options results are counted under (empty for free text)."
    )

    class Meta:
        model = Question
        fields = [
            "id",
            "round",
            "order",
            "code",
            "text",
            "help_text",
            "kind",
            "intends_years",
            "source_section",
            "options",
        ]

    @extend_schema_field(OptionSerializer(many=True))
    def get_options(self, question):
        return [{"value": value, "label": str(label)} for value, label in question.all_choices()]


class RoundSerializer(serializers.ModelSerializer):
    web_url = serializers.SerializerMethodField(help_text="The results page on the platform.")

    class Meta:
        model = Round
        fields = [
            "year",
            "title",
            "description",
            "status",
            "reported_respondents",
            "source_section",
            "web_url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_web_url(self, round):
        return web_url(self.context["request"], round)


class AnswerSerializer(serializers.ModelSerializer):
    question = serializers.CharField(source="question.code", help_text="The question's code.")

    class Meta:
        model = Answer
        fields = ["question", "choice", "choices", "text", "note", "source_section"]


class ResponseSerializer(serializers.ModelSerializer):
    round = serializers.IntegerField(source="round.year", help_text="The round's year.")
    state = StateBriefSerializer()
    answers = AnswerSerializer(many=True)

    class Meta:
        model = Response
        fields = ["id", "round", "state", "origin", "published_at", "answers"]


class OptionShareSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField(help_text="Published answers choosing this option.")
    denominator = serializers.IntegerField(help_text="Published answers to the question.")
    percent = serializers.IntegerField(allow_null=True, help_text="count / denominator, rounded.")


class ComputedSerializer(serializers.Serializer):
    basis = serializers.CharField(help_text=f"Always “{COMPUTED_BASIS}”.")
    answer_count = serializers.IntegerField(
        source="denominator", help_text="Published answers to the question (the denominator)."
    )
    options = OptionShareSerializer(many=True)


class ReportedFigureSerializer(serializers.ModelSerializer):
    value = serializers.DecimalField(
        max_digits=6, decimal_places=1, coerce_to_string=False, allow_null=True
    )
    percent = serializers.DecimalField(
        max_digits=6, decimal_places=1, coerce_to_string=False, allow_null=True, read_only=True
    )

    class Meta:
        model = ReportedFigure
        fields = [
            "slug",
            "option",
            "value",
            "unit",
            "denominator",
            "percent",
            "statement",
            "source_document",
            "source_section",
        ]


class QuestionAggregateSerializer(serializers.Serializer):
    question = serializers.CharField(source="question.code")
    text = serializers.CharField(source="question.text")
    kind = serializers.CharField(source="question.kind")
    computed = serializers.SerializerMethodField(
        help_text="Figures computed here from published answers; non-respondents excluded."
    )
    reported_in_source = ReportedFigureSerializer(
        source="reported", many=True, help_text="Figures as the source document reports them."
    )

    @extend_schema_field(ComputedSerializer)
    def get_computed(self, result):
        return ComputedSerializer(
            {"basis": COMPUTED_BASIS, "denominator": result.denominator, "options": result.options}
        ).data
