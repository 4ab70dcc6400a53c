import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from assessments.demo import seed_assessments
from assessments.demo_evidence import seed_evidence
from assessments.demo_panel import seed_panel
from assessments.demo_rounds import seed_rounds
from partnerships.demo import seed_region
from partnerships.demo_accounts import seed_accounts
from partnerships.demo_bbv import seed_bbv
from partnerships.demo_calendar import seed_calendar
from partnerships.demo_documents import seed_documents
from partnerships.demo_wgr import seed_wgr


class Command(BaseCommand):
    help = "Maakt of actualiseert een fictieve demoregio met accounts voor elke rol."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="Schrijf de accounts als JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        password = settings.DEMO_PASSWORD
        with transaction.atomic():
            region = seed_region()
            accounts = seed_accounts(region, password=password)
            seed_assessments(region)
            seed_rounds(region)
            accounts += seed_panel(region, password=password)
            seed_bbv(region, timezone.localdate().year)
            seed_calendar(region)
            seed_wgr(region)
            seed_documents(region)
            seed_evidence(region)
        if options["json"]:
            self.stdout.write(json.dumps({"password": password, "accounts": accounts}, indent=2))
            return
        self.stdout.write(self.style.SUCCESS("Demoregio staat klaar. Demo-accounts:"))
        for account in accounts:
            self.stdout.write(
                f"  {account['username']:<28} {account['role']:<20} {account['organisation']}"
            )
        self.stdout.write(f"Wachtwoord voor alle accounts: {password}")
