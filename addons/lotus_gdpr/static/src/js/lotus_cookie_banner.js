/* Copyright 2026 Lotus 3D Printers BV
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
 *
 * P16: the banner works without JavaScript (a plain form POST that sets
 * the cookie and comes back to the page). With JavaScript, the choice is
 * sent in the background and the banner closes without leaving the page;
 * after "Accept" the page reloads so that the server renders the
 * analytics tag (it is never rendered before consent). */
odoo.define('lotus_gdpr.cookie_banner', function (require) {
    'use strict';

    $(function () {
        var $banner = $('#lotus_cookie_banner');
        if (!$banner.length) {
            return;
        }
        $banner.on('click', 'button[name="choice"]', function (ev) {
            ev.preventDefault();
            var $form = $(this).closest('form');
            var choice = $(this).val();
            var data = $form.serializeArray();
            data.push({name: 'choice', value: choice});
            $banner.hide();
            $.post($form.attr('action'), $.param(data)).always(function () {
                if (choice === 'accepted') {
                    window.location.reload();
                }
            });
        });
    });
});
