from django.urls import path

from . import staff_views, views

urlpatterns = [
    path("procurements/<int:pk>/panels/", views.owner_panels, {"owner_kind": "procurement"}, name="procurement_panels"),
    path("procurements/<int:pk>/panels/new/", staff_views.panel_create, {"owner_kind": "procurement"},
         name="panel_create"),
    path("contracts/<int:pk>/panels/", views.owner_panels, {"owner_kind": "contract"}, name="contract_panels"),
    path("contracts/<int:pk>/panels/new/", staff_views.panel_create, {"owner_kind": "contract"},
         name="contract_panel_create"),
    path("authorities/<int:pk>/panels/", views.owner_panels, {"owner_kind": "authority"}, name="authority_panels"),
    path("authorities/<int:pk>/panels/new/", staff_views.panel_create, {"owner_kind": "authority"},
         name="authority_panel_create"),
    path("panels/<int:pk>/", views.panel_page, name="panel"),
    path("panels/<int:pk>/volunteer/", views.volunteer, name="panel_volunteer"),
    path("panels/<int:pk>/volunteer/thanks/", views.volunteer_thanks, name="panel_volunteer_thanks"),
    path("panels/<int:pk>/edit/", staff_views.panel_edit, name="panel_edit"),
    path("panels/<int:pk>/quotas/", staff_views.quotas, name="panel_quotas"),
    path("panels/<int:pk>/call/", staff_views.call, name="panel_call"),
    path("panels/<int:pk>/volunteers/", staff_views.volunteers, name="panel_volunteers"),
    path("panels/<int:pk>/volunteers/paper/", staff_views.paper_volunteer, name="panel_paper_volunteer"),
    path("panels/<int:pk>/seats/", staff_views.add_seat, name="panel_add_seat"),
    path("panels/<int:pk>/seed/", staff_views.commit_seed, name="panel_commit_seed"),
    path("panels/<int:pk>/member/", views.member_page, name="panel_member"),
    path("draws/<int:pk>/", views.draw_page, name="panel_draw"),
    path("draws/<int:pk>/draw/", staff_views.make_draw, name="panel_make_draw"),
    path("draws/<int:pk>/verification.json", views.draw_file, name="panel_draw_file"),
    path("panel-volunteers/<int:pk>/withdraw/", staff_views.withdraw, name="panel_withdraw"),
    path("panel-seats/<int:pk>/end/", staff_views.end_seat, name="panel_end_seat"),
]
